// The date boxes (web/widgets/day_picker.html): a day chosen in the browser's date
// picker is written into the dd/mm/yyyy text box beside it; typing in the text box
// clears the picker, so the form sends one date. Without this file the server reads
// whichever was used.
(function () {
  "use strict";
  function textBox(picker) {
    return picker.parentNode ? picker.parentNode.querySelector("input:not([type=date])") : null;
  }
  document.addEventListener("change", function (event) {
    var picker = event.target;
    if (!picker.classList || !picker.classList.contains("day-picker-native") || !picker.value) return;
    var parts = picker.value.split("-");
    var box = textBox(picker);
    if (box && parts.length === 3) box.value = parts[2] + "/" + parts[1] + "/" + parts[0];
  });
  document.addEventListener("input", function (event) {
    var box = event.target;
    var holder = box.parentNode;
    if (!holder || !holder.classList || !holder.classList.contains("day-picker") || box.type === "date") return;
    var picker = holder.querySelector(".day-picker-native");
    if (picker) picker.value = "";
  });
})();
