// Keyboard shortcuts and bulk selection for the moderators' queue and case
// pages. Everything here is a shortcut to a link, a button or a form that the
// pages already have, so they work the same without this file.
(() => {
  "use strict";

  const root = document.querySelector("[data-moderation-page]");
  if (!root) {
    return;
  }
  const pageKind = root.dataset.moderationPage;

  // Letters typed into a field are text, not commands. Checkboxes and buttons
  // take no text, so shortcuts keep working when one of them has focus.
  const NOT_TEXT = new Set(["checkbox", "radio", "button", "submit", "reset"]);
  function isTyping(target) {
    if (!(target instanceof Element)) {
      return false;
    }
    if (target.isContentEditable || target.closest("textarea, select")) {
      return true;
    }
    const input = target.closest("input");
    return input !== null && !NOT_TEXT.has(input.type);
  }

  function follow(selector) {
    const link = document.querySelector(selector);
    if (link) {
      window.location.assign(link.href);
      return true;
    }
    return false;
  }

  // Help ------------------------------------------------------------------
  const dialog = document.getElementById("shortcuts-dialog");
  const canShowDialog = dialog && typeof dialog.showModal === "function";
  let opener = null;

  function openHelp() {
    if (!canShowDialog || dialog.open) {
      return;
    }
    opener = document.activeElement;
    dialog.showModal();
    dialog.querySelector("[data-shortcuts-close]").focus();
  }

  if (canShowDialog) {
    for (const button of document.querySelectorAll("[data-shortcuts-open]")) {
      button.hidden = false;
      button.addEventListener("click", openHelp);
    }
    dialog
      .querySelector("[data-shortcuts-close]")
      .addEventListener("click", () => dialog.close());
    // A click on the backdrop lands on the dialog itself.
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) {
        dialog.close();
      }
    });
    // Escape closes a modal dialog natively; every way of closing ends here.
    dialog.addEventListener("close", () => {
      if (opener && typeof opener.focus === "function") {
        opener.focus();
      }
    });
  }

  // The queue: moving between rows, selecting them -------------------------
  const rows = () => Array.from(document.querySelectorAll("[data-case-row]"));

  function currentIndex(list) {
    const inFocus = list.findIndex((row) => row.contains(document.activeElement));
    return inFocus !== -1
      ? inFocus
      : list.findIndex((row) => row.classList.contains("current"));
  }

  function markCurrent(row) {
    for (const other of rows()) {
      other.classList.toggle("current", other === row);
    }
  }

  function moveRow(step) {
    const list = rows();
    if (list.length === 0) {
      return;
    }
    const index = currentIndex(list);
    let target;
    if (index === -1) {
      target = step > 0 ? 0 : list.length - 1;
    } else {
      target = index + step;
      // Past either end of the page: on to the next or previous page.
      if (target >= list.length && follow('a[rel~="next"]')) {
        return;
      }
      if (target < 0 && follow('a[rel~="prev"]')) {
        return;
      }
      target = Math.min(Math.max(target, 0), list.length - 1);
    }
    const row = list[target];
    markCurrent(row);
    row.querySelector(".case-link").focus();
    row.scrollIntoView({ block: "nearest" });
  }

  function toggleCurrent() {
    const list = rows();
    const index = currentIndex(list);
    const box = index === -1 ? null : list[index].querySelector('input[name="cases"]');
    if (box) {
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function setUpBulk() {
    const form = document.getElementById("bulk-form");
    if (!form) {
      return;
    }
    const boxes = () => Array.from(form.querySelectorAll('input[name="cases"]'));
    const all = form.querySelector("[data-select-all]");
    const count = form.querySelector("[data-selected-count]");
    function update() {
      const checked = boxes().filter((box) => box.checked).length;
      if (count) {
        count.textContent = checked ? `${checked} selected` : "";
      }
      if (all) {
        all.checked = checked > 0 && checked === boxes().length;
        all.indeterminate = checked > 0 && checked < boxes().length;
      }
    }
    if (all) {
      all.hidden = false;
      all.addEventListener("change", () => {
        for (const box of boxes()) {
          box.checked = all.checked;
        }
        update();
      });
    }
    form.addEventListener("change", (event) => {
      if (event.target.name === "cases") {
        update();
      }
    });
    // Rows focused with Tab or a click are the current row too.
    form.addEventListener("focusin", (event) => {
      const row = event.target.closest("[data-case-row]");
      if (row) {
        markCurrent(row);
      }
    });
    update();
  }

  // A case page ---------------------------------------------------------------
  let submitting = false;

  function approve() {
    const form = document.querySelector("[data-approve-form]");
    if (form && !submitting) {
      submitting = true;
      form.requestSubmit();
    }
  }

  function focusField(id) {
    const field = document.getElementById(id);
    if (field) {
      field.scrollIntoView({ block: "center" });
      field.focus();
    }
  }

  function focusPenalty() {
    const form = document.getElementById("penalty-form");
    if (form) {
      const step =
        form.querySelector('input[name="action"]:checked') ||
        form.querySelector('input[name="action"]');
      step.scrollIntoView({ block: "center" });
      step.focus();
    }
  }

  const SHORTCUTS = {
    queue: {
      j: () => moveRow(1),
      k: () => moveRow(-1),
      x: toggleCurrent,
    },
    case: {
      j: () => follow('a[rel~="next"]'),
      k: () => follow('a[rel~="prev"]'),
      a: approve,
      h: () => focusField("hide-guideline"),
      p: focusPenalty,
      u: () => follow("[data-queue-link]"),
    },
  };

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    if ((canShowDialog && dialog.open) || isTyping(event.target)) {
      return;
    }
    if (event.key === "?") {
      event.preventDefault();
      openHelp();
      return;
    }
    const shortcut = SHORTCUTS[pageKind] && SHORTCUTS[pageKind][event.key];
    if (shortcut) {
      event.preventDefault();
      shortcut();
    }
  });

  if (pageKind === "queue") {
    setUpBulk();
  }
})();
