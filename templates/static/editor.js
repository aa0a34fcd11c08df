// The editor's pages: served from /editor/static/, so the pages need no inline script.
(function () {
  "use strict";

  // What a screen reader should hear first takes focus: the error summary of a form
  // with a mistake, or the outcome of the publish or retract just done.
  var first = document.querySelector("[data-focus-on-load]");
  if (first) first.focus();

  // The pronunciation page: a button plays the voice saying a word, as it would now or
  // as the spelling typed beside it would have it; the status line says what happens.
  var said = document.getElementById("say-status");
  document.querySelectorAll("button[data-say]").forEach(function (button) {
    button.addEventListener("click", function () {
      var word = button.dataset.say;
      var url = "/editor/pronunciation/say?word=" + encodeURIComponent(word);
      if (button.dataset.spelling) {
        var spelling = document.getElementById(button.dataset.spelling).value.trim();
        if (!spelling) {
          said.textContent = "Type a respelling or IPA for " + word + " first.";
          return;
        }
        url += "&spelling=" + encodeURIComponent(spelling);
      }
      said.textContent = "Loading " + word + "…";
      var audio = new Audio(url);
      audio.addEventListener("playing", function () { said.textContent = "Playing " + word + "."; });
      audio.addEventListener("error", function () {
        fetch(url, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? "the browser can't play it" : r.text(); })
          .then(function (why) { said.textContent = "Couldn't play " + word + ": " + why; });
      });
      audio.play().catch(function () {});
    });
  });

  // A job page while the job waits or runs: poll it, speak only news, and show the
  // result without a reload when it ends.
  var status = document.querySelector("#status[data-poll]");
  if (!status) return;
  var bar = document.getElementById("progress");
  // -1 waiting, 0 started, 1 to 3 the quarters: the region changes only when this grows.
  var stage = status.dataset.status === "running" ? Math.min(3, Math.floor(Number(status.dataset.progress) * 4)) : -1;

  function say(text) {
    status.textContent = text;
  }

  function finish(job) {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.getElementById("result").replaceWith(document.adoptNode(fresh.getElementById("result")));
        ["progress", "check-again"].forEach(function (id) {
          var el = document.getElementById(id);
          if (el) el.remove();
        });
        document.title = fresh.title;
        say(job.status === "done" ? "Done." : "Failed.");
        // Focus goes where the news is: the episode, or what went wrong.
        var target = document.getElementById(job.status === "done" ? "result-title" : "error-summary");
        if (target) target.focus();
      })
      .catch(function () { window.location.reload(); });
  }

  function poll() {
    fetch("/v1/narrations/" + status.dataset.job, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (r.status === 401) {
          window.location.href = "/editor/login?next=" + encodeURIComponent(window.location.pathname);
          throw new Error("signed out");
        }
        return r.json();
      })
      .then(function (job) {
        bar.value = Math.round(job.progress * 100);
        bar.textContent = bar.value + "%";
        if (job.status === "done" || job.status === "failed") {
          finish(job);
          return;
        }
        if (job.status === "running") {
          var reached = Math.min(3, Math.floor(job.progress * 4));
          if (reached > stage) {
            stage = reached;
            say(reached === 0 ? "Started." : reached * 25 + "% done.");
          }
        }
        setTimeout(poll, 1000);
      })
      .catch(function (err) { if (err.message !== "signed out") setTimeout(poll, 3000); });
  }

  setTimeout(poll, 1000);
})();
