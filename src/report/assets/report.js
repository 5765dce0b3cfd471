/* cefrlint HTML report: optional interactivity (filters). The page reads the same without it. */
(function () {
  "use strict";
  var root = document.documentElement;
  var data = JSON.parse(document.getElementById("cefrlint-data").textContent);
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));

  // Counts of the findings on the page, checked against the embedded summary.
  var bySeverity = {}, byCategory = {};
  findings.forEach(function (f) {
    var s = f.getAttribute("data-severity"), c = f.getAttribute("data-category");
    bySeverity[s] = (bySeverity[s] || 0) + 1;
    byCategory[c] = (byCategory[c] || 0) + 1;
  });
  var same = function (a, b) {
    var keys = Object.keys(a).concat(Object.keys(b));
    return keys.every(function (k) { return (a[k] || 0) === (b[k] || 0); });
  };
  var check = document.getElementById("js-check");
  check.setAttribute("data-findings", String(findings.length));
  Object.keys(bySeverity).forEach(function (k) { check.setAttribute("data-" + k, String(bySeverity[k])); });
  check.setAttribute("data-consistent",
    findings.length === data.findings && same(bySeverity, data.by_severity) &&
    same(byCategory, data.by_category) ? "1" : "0");

  // Filters by severity and category.
  var form = document.getElementById("filters");
  var shown = document.getElementById("shown");
  var template = shown ? shown.getAttribute("data-template") : "";
  function apply() {
    var on = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (b) {
      on[b.name + ":" + b.value] = b.checked;
    });
    var visible = 0;
    findings.forEach(function (f) {
      var show = on["severity:" + f.getAttribute("data-severity")] !== false &&
        on["category:" + f.getAttribute("data-category")] !== false;
      f.classList.toggle("hidden-by-filter", !show);
      if (show) { visible += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.file"), function (s) {
      s.classList.toggle("hidden-by-filter", !s.querySelector("article.finding:not(.hidden-by-filter)"));
    });
    if (shown) {
      shown.textContent = template.replace("{shown}", visible).replace("{total}", findings.length);
    }
  }
  if (form && findings.length > 0) {
    form.hidden = false;
    // `#hide=warning,vocabulary` in the address starts with those filtered out.
    var hash = /^#hide=(.*)$/.exec(window.location.hash);
    if (hash) {
      var hide = decodeURIComponent(hash[1]).split(",");
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (b) {
        if (hide.indexOf(b.value) >= 0) { b.checked = false; }
      });
    }
    form.addEventListener("change", apply);
    apply();
  }
  root.setAttribute("data-ready", "1");
})();
