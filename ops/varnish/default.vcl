# Varnish 7 in front of webinar_site (Debian: apt-get install varnish varnish-modules).
#
# What this file does, in order of the request:
# - PURGE requests from the app servers (acl purgers) drop every object tagged with the
#   surrogate keys named in `xkey-purge` (or, for `xkey-softpurge`, mark them stale) -- the
#   app sends one after each save or delete (httpcache/purge.py). Keys come from the `xkey`
#   response header (httpcache/front.py), so one purge covers every URL, language prefix and
#   `tz` cookie variant of a page.
# - Never cached (passed straight to the app): anything but GET and HEAD (POST forms, the
#   admin's saves), the admin, /healthz, requests with Authorization, and requests carrying
#   the session or CSRF cookie (staff who are signed in always see fresh pages).
# - The Cookie header is cut down to `tz` (the visitor's time zone, the only cookie that
#   changes an anonymous page), so HTML pages, which say `Vary: Cookie`, are stored once per
#   time zone instead of once per visitor. Accept-Language is cut down to a language the site
#   offers (rule `languages`, filled in site.vcl) for the same reason. Accept-Encoding is
#   handled by Varnish itself (http_gzip_support: stored gzipped, unzipped for the rare client
#   that cannot take gzip).
# - Only responses the app marks `Cache-Control: public` are stored, never one with
#   Set-Cookie; s-maxage is the time to live (Varnish reads it, and the Age header).
# - Stale serving: an object stays stale-servable for `stale-if-error` seconds past its
#   lifetime (grace). While the app answers, a stale object is served only within
#   `stale-while-revalidate` seconds (and refreshed in the background); older ones are
#   fetched anew. While no app server is healthy (probe on /healthz), or when the fetch
#   fails, the stale object is served for the whole grace. `keep` lets Varnish revalidate
#   an expired object with If-None-Match (the app answers 304) instead of fetching it.
#
# The deployment-specific part -- backends and their health probe, the addresses allowed
# to purge, the site's languages -- is in site.vcl (see site.vcl.example) next to this file.

vcl 4.1;

import std;
import cookie;
import directors;
import xkey;
import accept;

sub vcl_init {
    new app = directors.round_robin();
    # Fallback first (settings.LANGUAGE_CODE); site_init adds settings.LANGUAGES.
    new languages = accept.rule("en");
    call site_init;
}

# Backends, probe, acl purgers and sub site_init (after vcl_init, which creates the objects
# that site_init fills in).
include "site.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        } elsif (req.http.xkey-softpurge) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey-softpurge);
        } else {
            return (synth(400, "Missing xkey-purge header"));
        }
        return (synth(200, "Purged " + req.http.n-gone));
    }

    set req.backend_hint = app.backend();
    unset req.http.X-Cache;
    # Set by this file only (see vcl_hit); a client must not choose how stale it is served.
    if (req.restarts == 0) {
        unset req.http.X-Front-Refresh;
        unset req.http.X-Front-Stale;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization || req.url ~ "^/(admin/|healthz)") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        cookie.keep("tz");
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    if (req.http.Accept-Language) {
        set req.http.Accept-Language = languages.filter(req.http.Accept-Language);
    }
    if (req.http.X-Front-Refresh) {
        # Second pass after vcl_hit found only an object older than stale-while-revalidate.
        set req.hash_always_miss = true;
    }
    # Not the built-in rule, which passes every request that has a Cookie header.
    return (hash);
}

sub vcl_hit {
    if (obj.ttl >= 0s) {
        set req.http.X-Cache = "HIT";
        return (deliver);
    }
    if (req.http.X-Front-Stale || !std.healthy(req.backend_hint)) {
        # No app server answers: serve the stale copy for its whole grace (stale-if-error).
        set req.http.X-Cache = "HIT-STALE";
        return (deliver);
    }
    if (obj.ttl + std.duration(regsub(obj.http.Cache-Control,
            "^.*stale-while-revalidate=([0-9]+).*$", "\1s"), 0s) > 0s) {
        # Stale but recent: serve it and let Varnish refresh it in the background.
        set req.http.X-Cache = "HIT-REFRESH";
        return (deliver);
    }
    # Too old to serve while the app is up: fetch it now (stale copy kept if that fails).
    set req.http.X-Front-Refresh = "1";
    return (restart);
}

sub vcl_miss {
    set req.http.X-Cache = "MISS";
}

sub vcl_pass {
    set req.http.X-Cache = "PASS";
}

sub vcl_backend_response {
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch || bereq.http.X-Front-Refresh) {
            # A stale copy exists: keep it and serve it (see vcl_synth).
            return (abandon);
        }
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "(?i)(^|[ ,])public([ ,]|$)"
            || beresp.http.Cache-Control ~ "(?i)private|no-store|no-cache") {
        # Personal or not meant for a shared cache: never stored. Remember that for two
        # minutes (hit-for-miss), so such requests do not wait for one another.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    set beresp.grace = std.duration(regsub(beresp.http.Cache-Control,
        "^.*stale-if-error=([0-9]+).*$", "\1s"), 10s);
    set beresp.keep = 1d;
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.is_bgfetch || bereq.http.X-Front-Refresh) {
        return (abandon);
    }
}

sub vcl_synth {
    if (req.method == "PURGE") {
        # "Purged <number of objects>" as plain text, for httpcache.purge and the logs.
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
    if (resp.status == 503 && req.http.X-Front-Refresh && req.restarts < 3) {
        # The fresh fetch failed: go back for the stale copy.
        unset req.http.X-Front-Refresh;
        set req.http.X-Front-Stale = "1";
        return (restart);
    }
}

sub vcl_deliver {
    # How this answer was made (HIT, HIT-STALE, HIT-REFRESH, MISS, PASS), for the tests and
    # for whoever reads the logs; the surrogate keys stay between the app and Varnish.
    set resp.http.X-Cache = req.http.X-Cache;
    unset resp.http.xkey;
}
