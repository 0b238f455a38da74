/*
 * Polling-station kiosk: after a ballot is cast the booth resets for the next voter,
 * after a short countdown or at once with "Finish: next voter"; a booth left
 * half-used (a code typed, a choice made) resets after a longer idle time, so the
 * next voter never finds someone else's code in it.  Resetting reloads the page:
 * nothing of the previous voter stays in memory or in the form.
 */
(function () {
  'use strict';

  var root = document.getElementById('booth');
  if (!root || root.dataset.kiosk !== 'true' || !document.getElementById('step-code')) {
    return;
  }
  var messages = JSON.parse(document.getElementById('booth-messages').textContent);
  var resetSeconds = Number(root.dataset.resetSeconds) || 15;
  var idleSeconds = Number(root.dataset.idleSeconds) || 180;
  var lastActivity = Date.now();
  var resetting = false;

  function reset() {
    if (resetting) {
      return;
    }
    resetting = true;
    var code = document.getElementById('code');
    if (code) {
      code.value = '';
    }
    location.replace(location.pathname + location.search);
  }

  function inUse() {
    var code = document.getElementById('code');
    var first = document.getElementById('step-code');
    return (code && code.value !== '') || (first && first.hidden);
  }

  ['keydown', 'pointerdown', 'input', 'focusin'].forEach(function (type) {
    document.addEventListener(type, function () {
      lastActivity = Date.now();
    }, true);
  });

  setInterval(function () {
    if (inUse() && Date.now() - lastActivity > idleSeconds * 1000) {
      reset();
    }
  }, 1000);

  document.addEventListener('tandau:cast', function () {
    var left = resetSeconds;
    var out = document.getElementById('kiosk-countdown');
    var tick = function () {
      if (out) {
        out.textContent = messages.reset_in.split('{n}').join(String(left));
      }
      if (left <= 0) {
        reset();
        return;
      }
      left -= 1;
      setTimeout(tick, 1000);
    };
    tick();
  });

  var next = document.getElementById('next-voter');
  if (next) {
    next.addEventListener('click', reset);
  }
})();
