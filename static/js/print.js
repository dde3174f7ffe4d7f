// A button marked data-print prints the page (the call-off status and order pages). A file of
// its own, not an onclick attribute, so that the Content-Security-Policy can refuse inline script.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
