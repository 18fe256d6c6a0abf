/* Enhancements only: the page is complete without this file.
   1. [data-local-time]: shows the event's time in the visitor's own time zone.
   2. [data-timing]: keeps the upcoming / live / past badge true to the visitor's clock.
   3. [data-tz-auto]: names the device's own zone in the time-zone selector.
   4. [data-tz-detect]: a time-zone field left empty (no zone chosen) takes the device's zone. */
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) { return; }
  // The server writes dates and times with CLDR's patterns in the page's language, Latin
  // digits (common/dates.py); Intl has the same patterns, so the visitor's time reads exactly
  // as the server would write it for that zone.
  var page = document.documentElement.lang || "en";
  var lang = (page.toLowerCase() === "zh-hans" ? "zh-Hans" : page) + "-u-nu-latn";

  function fmt(date, zone, options) {
    options.timeZone = zone;
    return new Intl.DateTimeFormat(lang, options).format(date);
  }
  function day(date, zone) { return fmt(date, zone, { dateStyle: "full" }); }
  function clock(date, zone) { return fmt(date, zone, { timeStyle: "short" }); }
  function clocks(start, end, zone) {
    var format = new Intl.DateTimeFormat(lang, { timeStyle: "short", timeZone: zone });
    return format.formatRange ? format.formatRange(start, end) : clock(start, zone) + " – " + clock(end, zone);
  }
  // "UTC+9", "UTC−4", "UTC+5:45", "UTC": the offset in force in `zone` at `date`.
  function offsetLabel(date, zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
      hour: "numeric", minute: "numeric", second: "numeric"
    }).formatToParts(date).forEach(function (p) { parts[p.type] = parseInt(p.value, 10); });
    var local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
    var minutes = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60000);
    if (minutes === 0) { return "UTC"; }
    var sign = minutes > 0 ? "+" : "\u2212";
    minutes = Math.abs(minutes);
    var rest = minutes % 60;
    return "UTC" + sign + Math.floor(minutes / 60) + (rest ? ":" + (rest < 10 ? "0" : "") + rest : "");
  }
  function fill(pattern, values) {
    return pattern.replace(/%\((\w+)\)s/g, function (all, name) { return values[name]; });
  }

  // The sentence of common.dates.datetime_range (or datetime_from when the end was not
  // announced), from the patterns in data-pattern-day, -days and -from.
  function showLocalTime(el) {
    var start = new Date(el.getAttribute("data-start"));
    var endText = el.getAttribute("data-end");
    var end = endText ? new Date(endText) : null;  // none: the end was not announced
    if (isNaN(start) || (end && isNaN(end)) || !Intl.DateTimeFormat.prototype.formatToParts) { return; }
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var startZone = offsetLabel(start, zone), endZone = end ? offsetLabel(end, zone) : "";
    var text;
    if (!end) {
      text = fill(el.getAttribute("data-pattern-from"), {
        date: day(start, zone), time: clock(start, zone), zone: startZone
      });
    } else if (day(start, zone) === day(end, zone) && startZone === endZone) {
      text = fill(el.getAttribute("data-pattern-day"), {
        date: day(start, zone), times: clocks(start, end, zone), zone: startZone
      });
    } else {
      text = fill(el.getAttribute("data-pattern-days"), {
        start_date: day(start, zone), start_time: clock(start, zone), start_zone: startZone,
        end_date: day(end, zone), end_time: clock(end, zone), end_zone: endZone
      });
    }
    var label = document.createElement("span");
    label.textContent = (el.getAttribute("data-label") || "") + " ";
    var value = document.createElement("bdi");
    value.textContent = text.replace(/[\u2009\u202f]/g, " ");  // as the server writes them
    el.textContent = "";
    el.appendChild(label);
    el.appendChild(value);
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
