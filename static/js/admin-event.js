/* The event admin (events/admin.py): times there are typed in the event's time zone.

   - Django's "Note: You are N hours ahead of server time" is not shown (it speaks of the
     server's zone, which staff never type in), and "Now" and "Today" give the time and date
     in the event's zone: the time zone picker's current value, or the data-event-zone of a
     time input (an agenda item's own page).
   - The time zone picker (select[data-zone-picker]) becomes searchable with the admin's own
     select2; without JavaScript it stays a plain grouped list.
   (An end typed without a date takes the start's date on the server: events/admin_forms.py.) */
"use strict";
(function () {
  function eventZone() {
    const picker = document.getElementById("id_timezone");
    if (picker && picker.value) {
      return picker.value;
    }
    const marked = document.querySelector("[data-event-zone]");
    return marked ? marked.dataset.eventZone : "UTC";
  }

  // A Date whose local fields (getHours() ...) are the wall clock in `zone` now.
  function nowIn(zone) {
    let parts;
    try {
      parts = new Intl.DateTimeFormat("en-US", {
        timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
        hour: "numeric", minute: "numeric", second: "numeric"
      }).formatToParts(new Date());
    } catch (error) {
      return new Date(); // a zone this browser does not know: its own clock
    }
    const get = function (type) {
      return Number(parts.find(function (part) { return part.type === type; }).value);
    };
    return new Date(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"),
      get("second"));
  }

  function patchShortcuts() {
    if (typeof window.DateTimeShortcuts === "undefined") {
      return;
    }
    window.DateTimeShortcuts.addTimezoneWarning = function () {};
    window.DateTimeShortcuts.now = function () { return nowIn(eventZone()); };
  }

  function enhancePicker() {
    const jq = window.django && window.django.jQuery;
    if (!jq || !jq.fn.select2) {
      return;
    }
    jq("select[data-zone-picker]").select2({ width: "min(32rem, 100%)" });
  }

  patchShortcuts();
  document.addEventListener("DOMContentLoaded", function () {
    patchShortcuts();
    enhancePicker();
  });
})();
