/*
 * The independent check of an audited (spoiled) ballot: the opening is re-encrypted
 * in this browser (TandauBooth.auditBallot) and, separately, by the server
 * (POST /api/elections/{id}/audit).  Both results are shown; either failing means
 * the device that made the ballot did not encrypt the choice it showed.
 */
(function () {
  'use strict';

  var root = document.getElementById('check');
  var form = document.getElementById('check-form');
  if (!root || !form) {
    return;
  }
  var messages = JSON.parse(document.getElementById('check-messages').textContent);
  var data = JSON.parse(document.getElementById('election-data').textContent);
  var lang = root.dataset.lang || document.documentElement.lang;
  var results = document.getElementById('check-results');
  var input = document.getElementById('audit-input');

  function msg(key, params) {
    var text = messages[key] || key;
    Object.keys(params || {}).forEach(function (name) {
      text = text.split('{' + name + '}').join(String(params[name]));
    });
    return text;
  }

  function status(text) {
    document.getElementById('check-status').textContent = text || '';
  }

  function add(kind, text, id) {
    var li = document.createElement('li');
    li.className = kind === 'ok' ? 'note' : kind === 'warn' ? 'warning' : 'problem';
    li.id = id;
    li.textContent = text;
    results.appendChild(li);
  }

  function optionName(id) {
    var options = data.manifest.options;
    for (var i = 0; i < options.length; i++) {
      if (options[i].id === id) {
        return options[i].name[lang] || id;
      }
    }
    return id;
  }

  document.getElementById('audit-file').addEventListener('change', function (event) {
    var file = event.target.files && event.target.files[0];
    if (!file) {
      return;
    }
    file.text().then(function (text) {
      input.value = text;
    });
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    results.textContent = '';
    var text = input.value.trim();
    if (!text) {
      add('bad', msg('paste_needed'), 'check-input-error');
      input.focus();
      return;
    }
    var audit;
    try {
      audit = JSON.parse(text);
    } catch (e) {
      audit = null;
    }
    if (!audit || typeof audit !== 'object' || !audit.ballot || !audit.opening) {
      add('bad', msg('not_json'), 'check-input-error');
      input.focus();
      return;
    }
    if ((audit.election && audit.election !== data.election) ||
        (audit.fingerprint && audit.fingerprint !== data.fingerprintHex)) {
      add('bad', msg('other_election'), 'check-input-error');
      return;
    }
    status(msg('checking'));

    // 1. In this browser.
    if (!window.TandauBooth) {
      add('bad', msg('no_crypto'), 'check-browser');
    } else {
      try {
        var index = window.TandauBooth.auditBallot({
          manifest: data.manifest,
          electionKeyHex: data.electionKeyHex,
          fingerprintHex: data.fingerprintHex,
          ballot: audit.ballot,
          opening: audit.opening,
        });
        add('ok', msg('browser_ok', { choice: optionName(data.optionIds[index]) }), 'check-browser');
      } catch (e) {
        add('bad', msg('browser_failed'), 'check-browser');
      }
    }

    // 2. On the server, independently.
    fetch('/api/elections/' + encodeURIComponent(data.election) + '/audit', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': lang },
      body: JSON.stringify({ ballot: audit.ballot, opening: audit.opening }),
    })
      .then(function (response) {
        return response.json().then(function (json) {
          return { ok: response.ok, json: json };
        });
      })
      .then(function (res) {
        status('');
        if (res.ok && res.json.verified) {
          var names = res.json.options.map(optionName).join(', ');
          add('ok', msg('server_ok', { choice: names }), 'check-server');
          add(res.json.cast ? 'warn' : 'ok', msg(res.json.cast ? 'was_cast' : 'not_cast'), 'check-cast');
        } else {
          var detail = res.json && (res.json.detail || res.json.title);
          add('bad', msg('server_failed') + (detail ? ' ' + detail : ''), 'check-server');
        }
      })
      .catch(function () {
        status('');
        add('bad', msg('network'), 'check-server');
      });
  });
})();
