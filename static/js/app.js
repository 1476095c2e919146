// Wijkproces: small progressive enhancements. No inline scripts anywhere (CSP).
(function () {
  "use strict";
  // Forms with data-confirm ask before a destructive action.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  // A letter's link carries the invite code in the URL fragment (#code=...), which browsers
  // never send to the server (so no access log holds it): fill it in and send the form.
  var codeForm = document.querySelector("form[data-code-from-fragment]");
  var match = /^#code=([A-Za-z0-9 -]{1,64})$/.exec(decodeURIComponent(window.location.hash || ""));
  if (codeForm && match) {
    var field = codeForm.querySelector("input[name=code]");
    if (field) {
      field.value = match[1];
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
      // The submit button is named "submit", which hides form.submit: call the prototype.
      HTMLFormElement.prototype.submit.call(codeForm);
    }
  }
  // After a failed submit focus moves to the error summary (GOV.UK / NL Design System pattern,
  // issue 13), and each of its links focuses its field with the field's label or legend in view.
  // A form htmx swaps in place (the what-if) brings a new summary: it takes focus once.
  function focusNewErrorSummary() {
    var fresh = document.querySelectorAll("[data-error-summary]:not([data-error-summary-shown])");
    for (var i = 0; i < fresh.length; i++) { fresh[i].setAttribute("data-error-summary-shown", ""); }
    if (fresh.length) { fresh[0].focus(); }
  }
  focusNewErrorSummary();
  document.addEventListener("htmx:afterSettle", focusNewErrorSummary);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    var input = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!input) { return; }
    event.preventDefault();
    var group = input.closest("fieldset");
    var label = (group && group.querySelector("legend")) || document.querySelector("label[for='" + CSS.escape(input.id) + "']");
    (label || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
  // htmx: send the CSRF token with every request (read from the cookie-less hidden input).
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
  });
})();
