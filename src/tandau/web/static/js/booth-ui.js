/*
 * The voting booth's page logic (the cryptography is TandauBooth, static/booth/booth.js).
 *
 * Steps: code → choice → encrypt → cast or audit.  The credential code stays in
 * this page's memory only: the browser derives the credential from it and signs
 * the ballot; the server gets the encrypted ballot and the public credential.
 * Every text shown comes from the page (#booth-messages), in the page's language.
 */
(function () {
  'use strict';

  var root = document.getElementById('booth');
  var dataEl = document.getElementById('election-data');
  if (!root || !dataEl || !document.getElementById('step-code')) {
    return;
  }
  var messages = JSON.parse(document.getElementById('booth-messages').textContent);
  var data = JSON.parse(dataEl.textContent);
  var lang = root.dataset.lang || document.documentElement.lang;
  var kiosk = root.dataset.kiosk === 'true';
  var api = '/api/elections/' + encodeURIComponent(data.election);
  var election = {
    manifest: data.manifest,
    electionKeyHex: data.electionKeyHex,
    fingerprintHex: data.fingerprintHex,
  };
  var state = { code: null, choice: null, made: null, receipt: null, spoiled: null };

  function $(id) {
    return document.getElementById(id);
  }

  function msg(key, params) {
    var text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : messages.failed;
    Object.keys(params || {}).forEach(function (name) {
      text = text.split('{' + name + '}').join(String(params[name]));
    });
    return text;
  }

  function say(text) {
    $('booth-status').textContent = text || '';
  }

  function fail(text) {
    var el = $('booth-error');
    el.textContent = text || '';
    el.hidden = !text;
  }

  function show(step) {
    Array.prototype.forEach.call(root.querySelectorAll('.step'), function (section) {
      section.hidden = section.id !== step;
    });
    var heading = $(step + '-h');
    if (heading) {
      heading.focus();
    }
  }

  function busy(on) {
    Array.prototype.forEach.call(root.querySelectorAll('button'), function (b) {
      b.disabled = on;
    });
    root.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function tb() {
    if (!window.TandauBooth) {
      fail(msg('no_crypto'));
      throw new Error('TandauBooth is not loaded');
    }
    return window.TandauBooth;
  }

  // Let the browser paint the status before a long synchronous computation.
  function nextFrame() {
    return new Promise(function (resolve) {
      setTimeout(resolve, 30);
    });
  }

  function optionName(index) {
    var label = root.querySelector('label[for="choice-' + index + '"] .option-name');
    return label ? label.textContent : String(index);
  }

  function problemText(problem) {
    if (problem && problem.reason && messages['reason_' + problem.reason]) {
      return msg('reason_' + problem.reason);
    }
    if (problem && (problem.detail || problem.title)) {
      return problem.detail || problem.title;
    }
    return msg('failed');
  }

  function request(method, url, body) {
    var init = {
      method: method,
      headers: { Accept: 'application/json', 'Accept-Language': lang },
      credentials: 'same-origin',
    };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = body;
    }
    return fetch(url, init).then(
      function (response) {
        return response.json().then(
          function (json) {
            return { ok: response.ok, status: response.status, json: json };
          },
          function () {
            return { ok: false, status: response.status, json: null };
          }
        );
      },
      function () {
        return { ok: false, status: 0, json: null, network: true };
      }
    );
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 2000);
  }

  // -- step 1: the code ---------------------------------------------------------

  function takeCode(text) {
    fail('');
    if (!text.trim()) {
      fail(msg('code_needed'));
      $('code').focus();
      return;
    }
    try {
      state.code = tb().normalizeCode(text);
    } catch (e) {
      if (!window.TandauBooth) {
        return;
      }
      fail(msg('code_invalid'));
      $('code').focus();
      return;
    }
    $('code').value = ''; // keep the secret out of the form from now on
    say('');
    show('step-choose');
  }

  $('code-form').addEventListener('submit', function (event) {
    event.preventDefault();
    takeCode($('code').value);
  });

  // A credential sheet's QR code may hold a link ending in #code=…: the fragment
  // never reaches the server; take it and drop it from the address bar.
  if (location.hash.indexOf('#code=') === 0) {
    $('code').value = decodeURIComponent(location.hash.slice(6));
    history.replaceState(null, '', location.pathname + location.search);
  }

  // -- scanning a QR code with the phone's camera, where the browser can ------------

  var CODE_IN_TEXT = /[23456789A-HJ-NP-Z]{5}-?[23456789A-HJ-NP-Z]{5}-?[23456789A-HJ-NP-Z]{5}-?[23456789A-HJ-NP-Z]{5}-?[23456789A-HJ-NP-Z]/i;

  if ('BarcodeDetector' in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    var scanButton = $('scan');
    scanButton.hidden = false;
    scanButton.addEventListener('click', function () {
      var video = $('scan-video');
      var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: 'environment' } })
        .then(function (stream) {
          video.srcObject = stream;
          video.hidden = false;
          video.play();
          var stop = function () {
            stream.getTracks().forEach(function (t) {
              t.stop();
            });
            video.hidden = true;
          };
          var tries = 0;
          var tick = function () {
            detector.detect(video).then(function (codes) {
              if (codes.length) {
                stop();
                var found = codes[0].rawValue.match(CODE_IN_TEXT);
                if (!found) {
                  fail(msg('scan_no_code'));
                  return;
                }
                $('code').value = found[0];
                $('code').focus();
              } else if (++tries < 100) {
                setTimeout(tick, 300);
              } else {
                stop();
                fail(msg('scan_failed'));
              }
            }, function () {
              stop();
              fail(msg('scan_failed'));
            });
          };
          tick();
        }, function () {
          fail(msg('scan_failed'));
        });
    });
  }

  // -- step 2: the choice, encrypted here ----------------------------------------------

  $('choice-form').addEventListener('submit', function (event) {
    event.preventDefault();
    fail('');
    var picked = root.querySelector('input[name="choice"]:checked');
    if (!picked) {
      fail(msg('choice_needed'));
      var first = root.querySelector('input[name="choice"]');
      if (first) {
        first.focus();
      }
      return;
    }
    if (!state.code) {
      show('step-code');
      return;
    }
    state.choice = Number(picked.value);
    encrypt();
  });

  function encrypt() {
    busy(true);
    say(msg('encrypting'));
    nextFrame()
      .then(function () {
        state.made = tb().encryptBallot({
          manifest: election.manifest,
          electionKeyHex: election.electionKeyHex,
          fingerprintHex: election.fingerprintHex,
          code: state.code,
          choice: state.choice,
        });
        say(msg('checking'));
        return request('GET', api + '/credentials/' + state.made.ballot.credential);
      })
      .then(function (res) {
        busy(false);
        if (!res.ok) {
          fail(res.network ? msg('network') : problemText(res.json));
          return;
        }
        var status = res.json;
        if (!status.listed || status.cancelled) {
          fail(msg(status.listed ? 'cancelled' : 'not_listed'));
          state.code = null;
          state.made = null;
          show('step-code');
          return;
        }
        var note = $('review-credential');
        note.textContent = msg(status.voted ? 'already_voted' : 'first_vote');
        note.hidden = false;
        $('review-choice').textContent = optionName(state.choice);
        $('review-tracking').textContent = state.made.trackingCode;
        say(msg('encrypted'));
        show('step-review');
      })
      .catch(function (e) {
        busy(false);
        if (window.TandauBooth) {
          fail(msg('failed'));
        }
        if (window.console) {
          console.error(e && e.message);
        }
      });
  }

  $('change-code').addEventListener('click', function () {
    state.code = null;
    state.made = null;
    fail('');
    show('step-code');
  });

  $('back-to-choice').addEventListener('click', function () {
    state.made = null;
    fail('');
    show('step-choose');
  });

  // -- step 3a: audit (the ballot is opened, spoiled, never cast) ------------------------

  $('audit').addEventListener('click', function () {
    var made = state.made;
    if (!made) {
      return;
    }
    state.made = null; // an opened ballot must never be cast
    fail('');
    // The file is also a `tandau voter audit --opening` document (format, fingerprint,
    // tracking_code, opening); the spoiled ballot is inside and downloadable on its own.
    var audit = {
      format: 'tandau-ballot-opening/v1',
      election: data.election,
      fingerprint: data.fingerprintHex,
      tracking_code: made.trackingCode,
      ballot: made.ballot,
      opening: made.opening,
    };
    $('audit-json').value = JSON.stringify(audit, null, 2);
    state.spoiled = made;
    $('check-link').href = '/e/' + encodeURIComponent(data.election) + '/check';
    try {
      var index = tb().auditBallot({
        manifest: election.manifest,
        electionKeyHex: election.electionKeyHex,
        fingerprintHex: election.fingerprintHex,
        ballot: made.ballot,
        opening: made.opening,
      });
      $('audit-choice').textContent = optionName(index);
      $('audit-note').textContent = msg('audited');
    } catch (e) {
      $('audit-choice').textContent = '—';
      fail(msg('audit_failed'));
    }
    say(msg('audited'));
    show('step-audit');
    reportAudit(made);
  });

  // The server records the opened ballot and refuses ever to cast it (booth spec BO3):
  // even a copy kept by a compromised page or a network observer is useless.
  function reportAudit(made) {
    var body = JSON.stringify({ ballot: made.ballot, opening: made.opening });
    request('POST', api + '/audit', body).then(function (res) {
      var note = $('audit-reported');
      if (note && res.ok) {
        note.textContent = msg('audit_reported');
        note.hidden = false;
      }
      root.dataset.auditReported = res.ok ? 'true' : 'false';
    });
  }

  $('copy-audit').addEventListener('click', function () {
    var area = $('audit-json');
    var done = function () {
      say(msg('copied'));
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(area.value).then(done, function () {
        area.select();
        document.execCommand('copy');
        done();
      });
    } else {
      area.select();
      document.execCommand('copy');
      done();
    }
  });

  var downloadAudit = $('download-audit');
  if (downloadAudit) {
    downloadAudit.addEventListener('click', function () {
      var audit = JSON.parse($('audit-json').value);
      download('audit-' + audit.tracking_code + '.json', $('audit-json').value + '\n');
    });
  }

  var downloadBallot = $('download-ballot');
  if (downloadBallot) {
    downloadBallot.addEventListener('click', function () {
      var spoiled = state.spoiled;
      if (spoiled) {
        download('ballot-' + spoiled.trackingCode + '.json', spoiled.ballotJson + '\n');
      }
    });
  }

  $('encrypt-again').addEventListener('click', function () {
    fail('');
    say('');
    show('step-choose');
  });

  // -- step 3b: cast ---------------------------------------------------------------

  $('cast').addEventListener('click', function () {
    var made = state.made;
    if (!made) {
      return;
    }
    fail('');
    busy(true);
    say(msg('casting'));
    request('POST', api + '/ballots', made.ballotJson).then(function (res) {
      busy(false);
      if (!res.ok) {
        say('');
        fail(res.network ? msg('network') : problemText(res.json));
        return;
      }
      var receipt = res.json;
      // The code and the plaintext are no longer needed: forget them.
      state.code = null;
      state.choice = null;
      state.made = null;
      state.receipt = receipt;
      Array.prototype.forEach.call(root.querySelectorAll('input[name="choice"]'), function (r) {
        r.checked = false;
      });
      $('done-tracking').textContent = receipt.tracking_code;
      $('done-position').textContent = msg('position') + ': ' + receipt.seq;
      var revote = $('done-revote');
      revote.textContent = msg('revote');
      revote.hidden = !receipt.revote;
      var track = $('track-link');
      if (track) {
        track.href =
          '/e/' + encodeURIComponent(data.election) + '/track?code=' + encodeURIComponent(receipt.tracking_code);
      }
      say(msg('cast'));
      show('step-done');
      document.dispatchEvent(new CustomEvent('tandau:cast', { detail: { trackingCode: receipt.tracking_code } }));
    });
  });

  var receiptButton = $('download-receipt');
  if (receiptButton) {
    receiptButton.addEventListener('click', function () {
      var r = state.receipt;
      if (!r) {
        return;
      }
      var text = JSON.stringify(Object.assign({ fingerprint: data.fingerprintHex }, r), null, 2);
      download('receipt-' + r.tracking_code + '.json', text + '\n');
    });
  }

  root.dataset.ready = 'true';
  if (kiosk) {
    $('code').focus();
  }
})();
