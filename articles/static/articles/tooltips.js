// Escape hides a flag's or review mark's tooltip (WCAG 1.4.13: dismissible without moving pointer or
// focus). The tip stays hidden until the pointer or the focus leaves the mark. Without this script the
// tips still show on hover and focus; only Escape does nothing.
(function () {
  "use strict";
  var MARKS = ".flag, .review";
  var DISMISSED = "tip-dismissed";

  function restore(event) {
    event.currentTarget.classList.remove(DISMISSED);
  }

  function dismiss(mark) {
    if (mark.classList.contains(DISMISSED)) {
      return false;
    }
    mark.classList.add(DISMISSED);
    mark.addEventListener("mouseleave", restore, { once: true });
    mark.addEventListener("focusout", restore, { once: true });
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var marks = Array.prototype.slice.call(document.querySelectorAll(".flag:hover, .review:hover"));
    var focused = document.activeElement && document.activeElement.closest(MARKS);
    if (focused) {
      marks.push(focused);
    }
    marks.forEach(dismiss);
  });
})();
