// Draws every element with data-chart="<json_script id>" using the local, CSP-strict plotly
// bundle (window.Plotly). Idempotent: an element already drawn is skipped. No inline scripts.
(function () {
  "use strict";
  function drawAll() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.getAttribute("data-chart-drawn")) { return; }
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) { return; }
      var fig = JSON.parse(source.textContent);
      // No mode bar (issue 13): ten keyboard stops per chart, English labels, mouse-only modes.
      // The data table beside each chart, and its CSV link, are the accessible alternative.
      var config = Object.assign({ displaylogo: false, responsive: true }, fig.config || {}, { displayModeBar: false });
      window.Plotly.newPlot(el, fig.data || [], fig.layout || {}, config);
      el.setAttribute("data-chart-drawn", "1");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
  document.addEventListener("htmx:afterSettle", drawAll);
})();
