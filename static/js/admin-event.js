/* The event admin (events/admin.py): times there are typed in the event's time zone.

   - Django's "Note: You are N hours ahead of server time" is not shown (it speaks of the
     server's zone, which staff never type in), and "Now" and "Today" give the time and date
     in the event's zone: the time zone picker's current value, or the data-event-zone of a
     time input (an agenda item's own page).
   - The time zone picker (select[data-zone-picker]) becomes searchable with the admin's own
     select2; without JavaScript it stays a plain grouped list.
   - An empty end date takes the start date when a start date is typed. */
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

  // Typing a start date fills an empty end date of the same row.
  function followStartDates() {
    document.addEventListener("change", function (event) {
      const input = event.target;
      if (!input.name || !/(^|-)start_0$/.test(input.name)) {
        return;
      }
      const end = document.querySelector(
        'input[name="' + input.name.replace(/start_0$/, "end_0") + '"]');
      if (end && !end.value) {
        end.value = input.value;
      }
    });
  }

  patchShortcuts();
  document.addEventListener("DOMContentLoaded", function () {
    patchShortcuts();
    enhancePicker();
    followStartDates();
  });
})();
