/* Progressive enhancement of the portal's ticket pages. Every flow works without this file:
   the filter panel is a <details>, inline edits are small forms, the editor is a textarea.
   No inline scripts and no third-party code, so a strict CSP can be applied. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  /* Filter panel: focus the first control when it opens; Escape closes it. */
  function enhanceFilterPanel(panel) {
    var summary = panel.querySelector("summary");
    panel.addEventListener("toggle", function () {
      if (panel.open) {
        var first = panel.querySelector("input:not([type=hidden]), select");
        if (first) first.focus();
      }
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && panel.open) {
        panel.open = false;
        summary.focus();
      }
    });
  }

  /* Inline edit: choices save as soon as they change, text after "Save" or Enter. */
  function enhanceInlineEdit(form) {
    var status = form.querySelector(".inline-status");
    var immediate = form.querySelector("select, input[type=checkbox]");
    function clearErrors() {
      form.querySelectorAll(".error").forEach(function (el) { el.remove(); });
      form.closest(".prop").classList.remove("has-error");
    }
    function showErrors(errors) {
      var prop = form.closest(".prop");
      prop.classList.add("has-error");
      Object.keys(errors).forEach(function (key) {
        errors[key].forEach(function (text) {
          var p = document.createElement("p");
          p.className = "error";
          p.setAttribute("role", "alert");
          p.textContent = text;
          form.appendChild(p);
        });
      });
    }
    function save() {
      clearErrors();
      status.textContent = "…";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          status.textContent = data.ok ? data.message : "";
          if (!data.ok) showErrors(data.errors || {});
          else form.classList.remove("is-dirty");
        })
        .catch(function () { form.submit(); }); // fall back to the plain form post
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      save();
    });
    form.addEventListener("change", function () {
      if (immediate) save();
    });
    form.addEventListener("input", function () {
      if (!immediate) form.classList.add("is-dirty");
    });
  }

  /* Minimal rich-text editor over the textarea: bold, italic, lists, link, code. It writes
     HTML into the textarea and marks <name>_format=html; the server sanitises it. */
  // Visible glyphs; names for screen readers and tooltips come translated from data-tool-*.
  var TOOLS = [
    { glyph: "B", key: "toolBold", command: "bold" },
    { glyph: "I", key: "toolItalic", command: "italic" },
    { glyph: "•", key: "toolBullets", command: "insertUnorderedList" },
    { glyph: "1.", key: "toolNumbers", command: "insertOrderedList" },
    { glyph: null, key: "toolLink", command: "link" },
    { glyph: "</>", key: "toolCode", command: "code" },
  ];

  function textToHtml(text) {
    var wrapper = document.createElement("div");
    text.split(/\n{2,}/).forEach(function (chunk) {
      if (!chunk.trim()) return;
      var p = document.createElement("p");
      chunk.split("\n").forEach(function (line, index) {
        if (index) p.appendChild(document.createElement("br"));
        p.appendChild(document.createTextNode(line));
      });
      wrapper.appendChild(p);
    });
    return wrapper.innerHTML;
  }

  function wrapInCode(area) {
    var selection = window.getSelection();
    if (!selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    if (!area.contains(range.commonAncestorContainer) || range.collapsed) return;
    var code = document.createElement("code");
    code.appendChild(range.extractContents());
    range.insertNode(code);
  }

  function enhanceEditor(box) {
    var textarea = box.querySelector("textarea");
    var format = box.querySelector("input[type=hidden][name$=_format]");
    var label = box.querySelector("label");
    if (!textarea || !format) return;
    var area = document.createElement("div");
    area.className = "editor-area rich-text";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    label.id = label.id || textarea.id + "-label";
    area.setAttribute("aria-labelledby", label.id);
    // Kept input after an error is re-sanitised HTML (from the editor) or plain text.
    area.innerHTML = format.value === "html" ? textarea.value : textToHtml(textarea.value);

    var toolbar = document.createElement("div");
    toolbar.className = "editor-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", label.textContent.trim());
    TOOLS.forEach(function (tool) {
      var button = document.createElement("button");
      button.type = "button";
      button.title = box.dataset[tool.key] || tool.command;
      button.textContent = tool.glyph || button.title;
      button.dataset.command = tool.command;
      button.setAttribute("aria-label", button.title);
      button.addEventListener("click", function () {
        area.focus();
        if (tool.command === "link") {
          var url = window.prompt(box.dataset.toolLinkPrompt || "https://…", "https://");
          if (url && /^(https?:|mailto:)/i.test(url.trim())) {
            document.execCommand("createLink", false, url.trim());
          }
        } else if (tool.command === "code") {
          wrapInCode(area);
        } else {
          document.execCommand(tool.command, false, null);
        }
        sync();
      });
      toolbar.appendChild(button);
    });

    function sync() {
      textarea.value = area.textContent.trim() ? area.innerHTML : "";
    }
    area.addEventListener("input", sync);
    label.addEventListener("click", function () { area.focus(); });
    textarea.hidden = true;
    format.value = "html";
    // New lines become paragraphs, not <div>s (which the sanitiser would drop).
    document.execCommand("defaultParagraphSeparator", false, "p");
    textarea.after(toolbar, area);
    sync();
    textarea.form.addEventListener("submit", sync);
  }

  /* New ticket: up to five readable KB articles for the title as it is typed (KB API). */
  function enhanceSuggestions(box) {
    var input = document.getElementById(box.dataset.for);
    var list = box.querySelector("ul");
    var timer = null;
    var latest = "";
    if (!input) return;
    function show(results) {
      list.replaceChildren();
      results.slice(0, 5).forEach(function (article) {
        var link = document.createElement("a");
        link.href = article.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = article.title;
        var item = document.createElement("li");
        item.appendChild(link);
        list.appendChild(item);
      });
      box.hidden = list.children.length === 0;
    }
    function lookup() {
      var query = input.value.trim();
      if (query.length < 3) { show([]); return; }
      latest = query;
      var url = box.dataset.kbSuggest + "?limit=5&lang=" + encodeURIComponent(box.dataset.lang) +
        "&q=" + encodeURIComponent(query.slice(0, 200));
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (query === latest) show(data.results || []); })
        .catch(function () { show([]); });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, 300);
    });
  }

  document.querySelectorAll("[data-kb-suggest]").forEach(enhanceSuggestions);
  document.querySelectorAll("[data-filter-panel]").forEach(enhanceFilterPanel);
  document.querySelectorAll("[data-inline-edit]").forEach(enhanceInlineEdit);
  document.querySelectorAll("[data-editor]").forEach(enhanceEditor);
})();
