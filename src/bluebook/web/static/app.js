// bluebook: the little script the pages need. Loaded from /static (the CSP forbids inline script).
"use strict";

(function () {
  // Ingest job page: poll the job's progress until it ends, then reload to list results.
  function watchJob(el) {
    var id = el.getAttribute("data-job");
    var state = el.getAttribute("data-state");
    if (state === "done" || state === "failed") return;
    var fields = ["documents", "added", "events", "rejected"];
    function tick() {
      fetch("/api/ingest/" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (j) {
          var bar = document.getElementById("job-progress");
          if (bar) bar.value = j.progress;
          fields.forEach(function (f) {
            var span = document.getElementById("job-" + f);
            if (span) span.textContent = String(j[f]);
          });
          if (j.state === "done" || j.state === "failed") {
            window.location.reload();
          } else {
            window.setTimeout(tick, 500);
          }
        })
        .catch(function () { window.setTimeout(tick, 2000); });
    }
    window.setTimeout(tick, 300);
  }

  // Forms that destroy something ask first.
  function confirmForms() {
    document.querySelectorAll("form[data-confirm]").forEach(function (f) {
      f.addEventListener("submit", function (ev) {
        if (!window.confirm(f.getAttribute("data-confirm"))) ev.preventDefault();
      });
    });
  }

  // Report form: a chosen year and a from/to range exclude each other.
  function reportForm() {
    var year = document.getElementById("report-year");
    if (!year) return;
    var form = year.form;
    ["date_from", "date_to"].forEach(function (n) {
      var input = form.elements[n];
      input.addEventListener("input", function () { if (input.value) year.value = ""; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var job = document.getElementById("job");
    if (job) watchJob(job);
    confirmForms();
    reportForm();
  });
})();
