// After an action (a form sent, then a redirect), the page opens with its message: the focus
// goes there, so that a keyboard or screen-reader user hears the result and goes on from it.
// A file of its own, not inline, so that a Content-Security-Policy without 'unsafe-inline'
// keeps it working. A field with autofocus keeps the focus it asked for.
(function () {
  "use strict";
  var messages = document.getElementById("messages");
  if (messages && !document.querySelector("[autofocus]")) {
    messages.focus();
  }
})();
