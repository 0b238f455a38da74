/*
 * Tracking page: open a saved receipt (read here, never uploaded), look its tracking
 * code up, and compare the receipt's position and ballot hash with what the board shows.
 */
(function () {
  'use strict';

  var form = document.querySelector('form.track-form');
  var fileInput = document.getElementById('receipt-file');
  var messagesEl = document.getElementById('track-messages');
  if (!form || !fileInput || !messagesEl) {
    return;
  }
  var messages = JSON.parse(messagesEl.textContent);
  var KEY = 'tandau-receipt';
  var election = form.getAttribute('action').split('/')[2];

  function status(text, kind) {
    var el = document.getElementById('track-status');
    el.textContent = text;
    el.className = kind || '';
  }

  fileInput.addEventListener('change', function (event) {
    var file = event.target.files && event.target.files[0];
    if (!file) {
      return;
    }
    file.text().then(function (text) {
      var receipt;
      try {
        receipt = JSON.parse(text);
      } catch (e) {
        receipt = null;
      }
      if (!receipt || typeof receipt.tracking_code !== 'string' ||
          (receipt.election && decodeURIComponent(election) !== receipt.election)) {
        status(messages.receipt_bad, 'problem');
        return;
      }
      try {
        sessionStorage.setItem(KEY, JSON.stringify({
          tracking_code: receipt.tracking_code,
          seq: receipt.seq,
          leaf_hash: receipt.leaf_hash,
        }));
      } catch (e) {
        // Private browsing may refuse storage: the code lookup still works.
      }
      document.getElementById('tracking-code').value = receipt.tracking_code;
      form.submit();
    });
  });

  var result = document.getElementById('track-result');
  var saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    sessionStorage.removeItem(KEY);
  } catch (e) {
    saved = null;
  }
  if (result && saved) {
    var code = document.getElementById('found-code').textContent.trim();
    if (saved.tracking_code === code) {
      var same = String(saved.seq) === result.dataset.seq && saved.leaf_hash === result.dataset.leafHash;
      status(same ? messages.receipt_match : messages.receipt_mismatch, same ? 'note' : 'problem');
    }
  }
})();
