// The report request form: show only the fields the chosen report needs
// (the work plan; or the community and the year; or the call). Without JavaScript
// every field shows and the server asks for what is missing.
(function () {
  "use strict";
  var NEEDS = {
    workplan: ["id_plan"],
    community_year: ["id_community", "id_year"],
    call_results: ["id_call"],
  };
  var ALL = ["id_plan", "id_community", "id_year", "id_call"];

  function fieldOf(id) {
    var input = document.getElementById(id);
    return input ? input.closest(".field") : null;
  }

  function update(kind) {
    var needed = NEEDS[kind.value] || ALL;
    ALL.forEach(function (id) {
      var field = fieldOf(id);
      if (field) field.hidden = needed.indexOf(id) === -1;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var kind = document.getElementById("id_kind");
    if (!kind || !kind.form || !kind.form.hasAttribute("data-report-form")) return;
    update(kind);
    kind.addEventListener("change", function () { update(kind); });
  });
})();
