/* Portal forms, on every page. Everything works without this file; it saves a round trip.
   - After a refused submit the page comes back with errors: the first field marked invalid
     gets the focus, so keyboard and screen-reader users land on it.
   - File inputs check size and count before anything is uploaded (the server checks again). */
(function () {
  "use strict";
  var invalid = document.querySelector('main [aria-invalid="true"]');
  if (invalid) invalid.focus();

  function fileProblem(field, input) {
    var maxFiles = Number(field.dataset.maxFiles);
    var maxBytes = Number(field.dataset.maxBytes);
    if (maxFiles && input.files.length > maxFiles) return field.dataset.tooMany;
    for (var i = 0; i < input.files.length; i++) {
      if (maxBytes && input.files[i].size > maxBytes) {
        return field.dataset.tooLarge.replace("{name}", input.files[i].name);
      }
    }
    return "";
  }

  document.querySelectorAll(".files-field[data-max-bytes]").forEach(function (field) {
    var input = field.querySelector('input[type="file"]');
    if (!input || !input.form) return;
    var message = document.createElement("p");
    message.className = "error";
    message.id = input.id + "_checked";
    message.setAttribute("role", "alert");
    message.hidden = true;
    field.appendChild(message);
    function check() {
      var problem = fileProblem(field, input);
      message.textContent = problem;
      message.hidden = !problem;
      field.classList.toggle("has-error", Boolean(problem));
      if (problem) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", message.id);
      } else {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
      }
      return !problem;
    }
    input.addEventListener("change", check);
    input.form.addEventListener("submit", function (event) {
      if (!check()) {
        event.preventDefault();
        input.focus();
      }
    });
  });
})();
