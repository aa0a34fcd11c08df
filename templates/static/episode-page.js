// The episode page around the player (templates/player.html.j2, standalone): links to the
// newer and older episodes.
(function () {
  "use strict";
  // Newer and older episodes, from the site's index page when there is one (a local site).
  var nav = document.querySelector(".np-more");
  if (!nav || !window.fetch || !window.DOMParser) return;
  var index = new URL(nav.dataset.index, document.baseURI);
  fetch(index.href, { credentials: "same-origin" }).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.text();
  }).then(function (html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var items = Array.prototype.slice.call(doc.querySelectorAll("[data-episode]"));
    var here = items.map(function (li) { return li.dataset.episode; }).indexOf(nav.dataset.slug);
    if (here < 0) return;
    var list = nav.querySelector("ul");
    function add(label, item) {
      var link = item && item.querySelector("[data-episode-link]");
      if (!link) return;
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = new URL(link.getAttribute("href"), index).href;
      a.textContent = label + link.textContent.trim();
      li.appendChild(a);
      list.appendChild(li);
    }
    add("Older episode: ", items[here + 1]);
    add("Newer episode: ", items[here - 1]);
    var li = document.createElement("li"), all = document.createElement("a");
    all.href = index.href;
    all.textContent = "All episodes";
    li.appendChild(all);
    list.appendChild(li);
    nav.hidden = false;
  }).catch(function () { /* no index here (a bucket, a CMS): nothing to offer */ });
})();
