/* Enhancements only: the page is complete without this file.
   1. [data-local-time]: shows the event's time in the visitor's own time zone.
   2. [data-timing]: keeps the upcoming / live / past badge true to the visitor's clock.
   3. [data-tz-auto]: names the device's own zone in the time-zone selector.
   4. [data-tz-detect]: a time-zone field left empty (no zone chosen) takes the device's zone. */
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) { return; }
  // Words in the page's language; regional conventions (day-month order) from the browser
  // when it speaks that language too (en-GB reading an English page). Clock: 24-hour.
  var lang = document.documentElement.lang || "en";
  var preferred = (navigator.languages && navigator.languages[0]) || navigator.language || "";
  if (preferred.split("-")[0].toLowerCase() === lang.split("-")[0].toLowerCase()) { lang = preferred; }

  function fmt(date, zone, options) {
    options.timeZone = zone;
    return new Intl.DateTimeFormat(lang, options).format(date);
  }
  function day(date, zone) {
    return fmt(date, zone, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  }
  function clock(date, zone) {
    return fmt(date, zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  }
  function offsetName(date, zone) {
    if (!Intl.DateTimeFormat.prototype.formatToParts) { return ""; }
    var parts = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: "short" }).formatToParts(date);
    for (var i = 0; i < parts.length; i++) { if (parts[i].type === "timeZoneName") { return parts[i].value; } }
    return "";
  }

  // "Thursday 9 September 2021, 21:00–23:30 GMT+9 (Tokyo)"
  function showLocalTime(el) {
    var start = new Date(el.getAttribute("data-start"));
    var endText = el.getAttribute("data-end");
    var end = endText ? new Date(endText) : NaN;
    var from = el.getAttribute("data-label-from");
    if (isNaN(start) || (isNaN(end) && !from)) { return; }
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var text;
    if (isNaN(end)) {  // the end was not announced: "…, from 21:00 GMT+9"
      text = day(start, zone) + ", " + from + " " + clock(start, zone) + " " + offsetName(start, zone);
    } else {
      text = day(start, zone) + ", " + clock(start, zone);
      text += day(end, zone) === day(start, zone) ? "–" : " – " + day(end, zone) + ", ";
      text += clock(end, zone) + " " + offsetName(end, zone);
    }
    if (zone && zone.indexOf("/") > 0) { text += " (" + zone.split("/").pop().replace(/_/g, " ") + ")"; }
    el.textContent = (el.getAttribute("data-label") || "") + " " + text;
    el.hidden = false;
  }

  function updateTiming(el) {
    var now = Date.now();
    var start = Date.parse(el.getAttribute("data-start"));
    var end = Date.parse(el.getAttribute("data-end"));
    if (isNaN(start) || isNaN(end)) { return; }
    var state = now < start ? "upcoming" : (now < end ? "live" : "past");
    el.textContent = el.getAttribute("data-label-" + state);
    el.className = "badge badge-" + state;
  }

  function nameDeviceZone(option) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) { option.textContent = (option.getAttribute("data-label") || "") + " " + zone.replace(/_/g, " "); }
  }

  function fillDeviceZone(select) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (select.value || !zone) { return; }
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === zone) { select.value = zone; return; }
    }
  }

  function run() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-tz-detect]"), fillDeviceZone);
    Array.prototype.forEach.call(document.querySelectorAll("[data-tz-auto]"), nameDeviceZone);
    Array.prototype.forEach.call(document.querySelectorAll("[data-local-time]"), showLocalTime);
    var badges = document.querySelectorAll("[data-timing]");
    Array.prototype.forEach.call(badges, updateTiming);
    if (badges.length) {
      setInterval(function () { Array.prototype.forEach.call(badges, updateTiming); }, 60000);
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
})();
