// The accessible player (templates/player.html.j2). The episode page and the embed
// snippet carry it inline after each player's markup; it sets up every player on the
// page that isn't set up yet, so a page with two snippets runs each player once.
(function () {
  "use strict";

  function setUp(root) {
    root.dataset.ready = "1";
    root.classList.add("np-js");
    function $(name) { return root.querySelector('[data-np="' + name + '"]'); }
    function $$(sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
    var audio = root.querySelector("audio"), play = $("play"), seekbar = $("seek"), volume = $("volume"), mute = $("mute");
    var speed = $("speed"), elapsed = $("elapsed"), remaining = $("remaining"), error = $("error"), follow = $("follow");
    var list = $("transcript"), resume = $("resume"), options = $$('[data-np="transcript"] > li');
    var starts = options.map(function (o) { return parseFloat(o.dataset.start); });
    var marks = $$('[data-np="chapters"] a').map(function (a) { return parseFloat(a.dataset.start); });
    var total = parseFloat(root.dataset.duration) || 0;  // whole seconds, as the page says before the audio loads
    var reduce = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : { matches: false };
    var RATES = ["0.75", "1", "1.25", "1.5", "1.75", "2"], key = "narrator:position:" + audio.src;
    var current = -1, active = 0, shown = -1, started = false, saved = 0, touched = 0;

    // -- storage that may be missing or refuse (private windows, blocked cookies) -------------
    function load(name) { try { return window.localStorage.getItem(name); } catch (e) { return null; } }
    function store(name, value) {
      try { if (value === null) window.localStorage.removeItem(name); else window.localStorage.setItem(name, value); } catch (e) { /* not kept */ }
    }

    // -- words and clocks --------------------------------------------------------------------
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function clock(s) {
      s = Math.max(0, Math.floor(s));
      var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
      return (h ? h + ":" + pad(m) : m) + ":" + pad(s % 60);
    }
    function words(s) {
      s = Math.max(0, Math.floor(s));
      var out = [], h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
      function unit(n, name) { out.push(n + " " + name + (n === 1 ? "" : "s")); }
      if (h) unit(h, "hour");
      if (m) unit(m, "minute");
      if (r || s < 60) unit(r, "second");
      return out.join(" ");
    }

    // -- moving around -----------------------------------------------------------------------
    function end() { return isFinite(audio.duration) ? audio.duration : total; }
    function seekTo(t) {
      started = true;
      audio.currentTime = Math.max(0, Math.min(t, end()));
      render(true);
    }
    function skip(by) { seekTo(audio.currentTime + by); }
    function say(message) {  // re-announced even when the same message comes twice
      error.textContent = "";
      window.setTimeout(function () { error.textContent = message; }, 50);
    }
    function failed() {
      say("Sorry, the audio can't be played: the file is missing or could not be loaded. Try again later, or use the download link.");
    }
    function start() {
      hideResume();
      if (audio.error) audio.load();  // try again; "error" fires again if it still fails
      var promise = audio.play();
      if (promise && promise.catch) promise.catch(function (e) { if (e && e.name !== "AbortError") failed(); });
    }
    function toggle() { if (audio.paused || audio.ended) start(); else audio.pause(); }
    function chapter(step) {
      var t = audio.currentTime, i = -1;
      for (var j = 0; j < marks.length && marks[j] <= t + 0.5; j++) i = j;
      if (step < 0 && i >= 0 && t - marks[i] > 3) step = 0;  // back to the start of this chapter first
      var k = Math.max(0, Math.min(i + step, marks.length - 1));
      if (marks.length) seekTo(marks[k]);
    }

    // -- what the page shows -----------------------------------------------------------------
    function byKeyboard(el) { try { return el.matches(":focus-visible"); } catch (e) { return true; } }
    function render(force) {
      var t = audio.ended ? total : Math.min(Math.floor(audio.currentTime), total);
      if (t !== shown || force) {
        shown = t;
        elapsed.textContent = clock(t);
        remaining.textContent = clock(total - t);
        // While someone moves through the slider by keyboard (or a screen reader sits on it),
        // playback does not change its value under them; it catches up when they leave.
        var onIt = document.activeElement === seekbar && byKeyboard(seekbar) && !audio.paused;
        if (force || !onIt) {
          seekbar.value = String(t);
          seekbar.setAttribute("aria-valuetext", words(t) + " of " + words(total));
          seekbar.style.setProperty("--np-fill", (total ? (100 * t) / total : 0) + "%");
        }
      }
      highlight();
      position();
    }
    function sync() {
      play.textContent = audio.paused || audio.ended ? "Play" : "Pause";
    }
    function syncVolume() {
      mute.setAttribute("aria-pressed", audio.muted ? "true" : "false");
      var v = Math.round(audio.volume * 100);
      volume.value = String(v);
      volume.setAttribute("aria-valuetext", (audio.muted ? "muted, " : "") + v + "%");
      volume.style.setProperty("--np-fill", (audio.muted ? 0 : v) + "%");
    }

    // -- the transcript: one listbox, one Tab stop, arrow keys between sentences -------------
    function rove(i) {
      if (!options.length) return;
      options[active].tabIndex = -1;
      options[active].setAttribute("aria-selected", "false");
      active = i;
      options[i].tabIndex = 0;
      options[i].setAttribute("aria-selected", "true");
    }
    function reveal(option) {  // scroll the transcript's box, never the page, and only if needed
      if (!follow.checked || list.contains(document.activeElement) || Date.now() - touched < 4000) return;
      var top = option.offsetTop, bottom = top + option.offsetHeight, view = list.scrollTop, height = list.clientHeight;
      if (top >= view && bottom <= view + height) return;
      var to = Math.max(0, top - height / 3);
      if (list.scrollTo) list.scrollTo({ top: to, behavior: reduce.matches ? "auto" : "smooth" });
      else list.scrollTop = to;
    }
    function highlight() {
      var t = audio.currentTime + 0.05, i = -1;
      for (var j = 0; j < starts.length && starts[j] <= t; j++) i = j;
      if (i === current) return;
      if (current >= 0) { options[current].classList.remove("np-current"); options[current].removeAttribute("aria-current"); }
      current = i;
      if (i < 0) return;
      options[i].classList.add("np-current");
      options[i].setAttribute("aria-current", "true");
      if (!list.contains(document.activeElement)) rove(i);  // Tab into the transcript lands on this sentence
      reveal(options[i]);
    }
    function playFrom(i) { rove(i); seekTo(starts[i]); start(); }

    // -- remembering the listener --------------------------------------------------------------
    var lastSaved = 0;
    function remember(now) {
      if (!started || (!now && Date.now() - lastSaved < 2000)) return;
      lastSaved = Date.now();
      var t = audio.currentTime;
      // The speed is kept with the place, for this episode only: a listen that ends
      // leaves nothing in the browser.
      store(key, t >= 5 && t < total - 5 && !audio.ended ? t.toFixed(1) + " " + speed.value : null);
    }
    function hideResume() {
      if (resume.hidden) return;
      var focused = resume.contains(document.activeElement);
      resume.hidden = true;
      if (focused) play.focus();
    }

    // -- listening figures: play, each tenth heard, the end, the speed ---------------------------
    // Only to the URL the embed names (data-stats), never with Do Not Track or Global Privacy
    // Control on. Nothing is stored: the view's id is random, lives in this page's memory
    // and only joins one listen's events together.
    var beacon = root.dataset.stats || "", view = "", sent = {}, heardTo = -1;
    if (navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl === true ||
        !navigator.sendBeacon || !window.crypto || !window.crypto.getRandomValues) beacon = "";
    if (beacon) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      view = Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
    }
    function report(kind, value) {
      var what = kind + ":" + value;
      if (!beacon || sent[what]) return;  // each event once per page view
      sent[what] = true;
      var event = { episode: root.dataset.episode, view: view, kind: kind };
      if (value !== undefined) event.value = value;
      // text/plain is a "simple" request: another origin takes it without a preflight.
      try { navigator.sendBeacon(beacon, new Blob([JSON.stringify(event)], { type: "text/plain" })); } catch (e) { /* not sent */ }
    }
    // Tenths count only when played through, not jumped over: a seek moves the mark
    // without reporting what lies between.
    function heard(t) {
      var length = end();
      if (!beacon || !length) return;
      var from = heardTo, to = Math.min(t, length);
      heardTo = to;
      if (from < 0 || to <= from || (to - from) > 3 * Math.max(1, audio.playbackRate)) return;
      for (var k = Math.floor((from / length) * 10) + 1; k <= 10 && k * length / 10 <= to + 0.01; k++) report("progress", k * 10);
    }

    // -- lock screen, headset and keyboard media keys -----------------------------------------
    var session = navigator.mediaSession;
    function claim() {
      if (!session) return;
      try {
        if (window.MediaMetadata) {
          var art = root.dataset.artwork;
          session.metadata = new window.MediaMetadata({
            title: root.dataset.title, artist: root.dataset.artist, album: root.dataset.album,
            artwork: art ? [{ src: art }] : []
          });
        }
      } catch (e) { /* no metadata */ }
      var handlers = {
        play: start,
        pause: function () { audio.pause(); },
        stop: function () { audio.pause(); seekTo(0); },
        seekbackward: function (d) { skip(-((d && d.seekOffset) || 15)); },
        seekforward: function (d) { skip((d && d.seekOffset) || 15); },
        seekto: function (d) {
          if (d.fastSeek && audio.fastSeek) { started = true; audio.fastSeek(d.seekTime); } else seekTo(d.seekTime);
        },
        previoustrack: marks.length ? function () { chapter(-1); } : null,
        nexttrack: marks.length ? function () { chapter(1); } : null
      };
      Object.keys(handlers).forEach(function (name) {
        try { session.setActionHandler(name, handlers[name]); } catch (e) { /* not supported here */ }
      });
    }
    function position() {
      if (!session || !session.setPositionState || !isFinite(audio.duration)) return;
      try {
        session.setPositionState({ duration: audio.duration, playbackRate: audio.playbackRate,
          position: Math.min(audio.currentTime, audio.duration) });
      } catch (e) { /* ignored */ }
    }

    // -- wiring --------------------------------------------------------------------------------
    $("controls").hidden = false;
    $("follow-label").hidden = false;
    $("hint").hidden = false;
    audio.removeAttribute("controls");
    var probe = document.createElement("audio");
    probe.volume = 0.5;
    if (probe.volume !== 0.5) $("volume-label").hidden = true;  // iOS: the device sets the volume

    list.setAttribute("role", "listbox");
    list.setAttribute("aria-describedby", root.id + "-hint");
    options.forEach(function (option, i) {
      option.id = root.id + "-s" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.tabIndex = -1;
      option.addEventListener("click", function () { playFrom(i); });
    });
    rove(0);
    list.addEventListener("keydown", function (e) {
      var i = options.indexOf(e.target);
      if (i < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
      var to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: options.length - 1, PageDown: i + 10, PageUp: i - 10 }[e.key];
      if (to !== undefined) {
        rove(Math.max(0, Math.min(to, options.length - 1)));
        options[active].focus();
      } else if (e.key === "Enter" || e.key === " ") {
        playFrom(i);
      } else return;
      e.preventDefault();
      e.stopPropagation();
    });
    ["wheel", "touchmove"].forEach(function (type) {
      list.addEventListener(type, function () { touched = Date.now(); }, { passive: true });
    });
    follow.addEventListener("change", function () { touched = 0; if (current >= 0) reveal(options[current]); });

    play.addEventListener("click", toggle);
    $("back").addEventListener("click", function () { skip(-15); });
    $("forward").addEventListener("click", function () { skip(15); });
    function toggleMute() { audio.muted = !audio.muted; syncVolume(); }
    mute.addEventListener("click", toggleMute);
    volume.addEventListener("input", function () {
      audio.volume = parseInt(volume.value, 10) / 100;
      if (audio.volume > 0) audio.muted = false;
      syncVolume();
    });
    seekbar.addEventListener("input", function () { seekTo(parseFloat(seekbar.value)); });
    seekbar.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var by = { ArrowRight: 5, ArrowUp: 5, ArrowLeft: -5, ArrowDown: -5, PageUp: 30, PageDown: -30 }[e.key];
      if (by) skip(by);
      else if (e.key === "Home" || e.key === "End") seekTo(e.key === "Home" ? 0 : end());
      else return;
      e.preventDefault();
      e.stopPropagation();
    });
    seekbar.addEventListener("blur", function () { render(true); });
    speed.addEventListener("change", function () {
      audio.defaultPlaybackRate = audio.playbackRate = parseFloat(speed.value);
      remember(true);
      report("speed", parseFloat(speed.value));
    });
    $$('[data-np="chapters"] a').forEach(function (link) {
      link.addEventListener("click", function (e) { e.preventDefault(); seekTo(parseFloat(link.dataset.start)); start(); });
    });
    $("resume-yes").addEventListener("click", function () { hideResume(); seekTo(saved); start(); });
    $("resume-no").addEventListener("click", function () { hideResume(); store(key, null); });

    // Shortcuts work only while focus is inside the player, and never take a key from a
    // control that already uses it (Space on a button, arrows in the speed list, typing).
    root.addEventListener("keydown", function (e) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      var t = e.target, tag = t.tagName, type = (t.type || "").toLowerCase();
      if (tag === "TEXTAREA" || t.isContentEditable || (tag === "INPUT" && !/^(range|checkbox)$/.test(type))) return;
      var clickable = tag === "BUTTON" || tag === "SUMMARY" || tag === "A" || tag === "SELECT" || type === "checkbox";
      var k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (k === "k" || (k === " " && !clickable)) toggle();
      else if (k === "j") skip(-15);
      else if (k === "l") skip(15);
      else if (k === "m") toggleMute();
      else if ((k === "ArrowLeft" || k === "ArrowRight") && tag !== "SELECT" && tag !== "A" && t !== volume) skip(k === "ArrowLeft" ? -5 : 5);
      else if ((k === "Home" || k === "End") && tag === "BUTTON") seekTo(k === "Home" ? 0 : end());
      else return;
      e.preventDefault();
    });

    audio.addEventListener("play", function () {
      started = true; hideResume(); claim(); sync(); if (session) session.playbackState = "playing";
      report("play");
      heardTo = audio.currentTime;
    });
    audio.addEventListener("pause", function () { sync(); remember(true); if (session) session.playbackState = "paused"; });
    audio.addEventListener("ended", function () {
      sync(); render(true); store(key, null);
      heard(end());
      if (sent["progress:100"]) report("complete");
    });
    audio.addEventListener("timeupdate", function () {
      render();
      if (!audio.paused) { remember(false); if (!audio.seeking) heard(audio.currentTime); }
    });
    audio.addEventListener("seeked", function () { remember(true); heardTo = audio.currentTime; });
    audio.addEventListener("ratechange", function () {
      var rate = String(audio.playbackRate);
      if (RATES.indexOf(rate) >= 0) speed.value = rate;
      position();
    });
    audio.addEventListener("volumechange", syncVolume);
    audio.addEventListener("durationchange", function () {
      // The page's own figure stays unless the file really differs, so 1:30 never turns into 1:29.
      if (isFinite(audio.duration) && Math.abs(audio.duration - total) > 1) {
        total = Math.round(audio.duration);
        seekbar.max = String(total);
      }
      render(true);
    });
    audio.addEventListener("error", failed);
    audio.addEventListener("playing", function () { error.textContent = ""; });
    window.addEventListener("pagehide", function () { remember(true); });

    var place = (load(key) || "").split(" "), rate = place[1];
    if (RATES.indexOf(rate) >= 0) {
      speed.value = rate;
      audio.defaultPlaybackRate = audio.playbackRate = parseFloat(rate);
    }
    saved = parseFloat(place[0]) || 0;
    if (saved >= 5 && saved < total - 5) {
      $$('[data-np="resume-at"]').forEach(function (el) { el.textContent = clock(saved); });
      resume.hidden = false;
    }
    if (audio.error) failed();
    if (session && !session.metadata) claim();
    sync();
    syncVolume();
    render(true);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-narrator-player]"), function (root) {
    if (!root.dataset.ready) setUp(root);
  });
})();
