/* The QR code of an enrolment holds the address with #code=…: fill the form, drop the fragment. */
(function () {
  'use strict';
  var input = document.getElementById('enrol-code');
  if (input && location.hash.indexOf('#code=') === 0) {
    input.value = decodeURIComponent(location.hash.slice(6));
    history.replaceState(null, '', location.pathname + location.search);
  }
})();
