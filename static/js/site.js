/* Enhancements only: the page is complete without this file.
   1. [data-local-time]: shows the event's time in the visitor's own time zone.
   2. [data-timing]: keeps the upcoming / live / past badge true to the visitor's clock.
   3. [data-tz-auto]: names the device's own zone in the time-zone selector. */
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) { return; }
  var lang = document.documentElement.lang || undefined;

  function sameDay(a, b, zone) {
    var f = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    return f.format(a) === f.format(b);
  }

  function showLocalTime(el) {
    var start = new Date(el.getAttribute("data-start"));
    var end = new Date(el.getAttribute("data-end"));
    if (isNaN(start) || isNaN(end)) { return; }
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var day = { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: zone };
    var clock = { hour: "numeric", minute: "2-digit", timeZone: zone };
    var named = { hour: "numeric", minute: "2-digit", timeZone: zone, timeZoneName: "short" };
    var text = new Intl.DateTimeFormat(lang, day).format(start) + ", " +
      new Intl.DateTimeFormat(lang, clock).format(start) + " – ";
    if (!sameDay(start, end, zone)) { text += new Intl.DateTimeFormat(lang, day).format(end) + ", "; }
    text += new Intl.DateTimeFormat(lang, named).format(end);
    var place = zone.indexOf("/") > 0 ? " (" + zone.replace(/_/g, " ") + ")" : "";
    el.textContent = (el.getAttribute("data-label") || "") + " " + text + place;
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

  function run() {
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
