// The archive's search page, over Pagefind's JavaScript API (loaded on this page only, at the
// first query). The index may come in parts (large archives): they are merged. Filters by author,
// year and tag load when the reader opens them. The query and filters live in the URL
// (?q=...&author=...&year=...&tag=...), so the header's search box and links can open a search.
(function () {
  "use strict";
  var root = document.getElementById("morgue-search");
  if (!root) return;
  var PAGE = 10;
  var bundles = root.getAttribute("data-bundles").split(" ").filter(Boolean).map(function (b) {
    return new URL(b, document.baseURI).pathname;
  });
  var siteRoot = new URL(root.getAttribute("data-root"), document.baseURI).pathname;
  var form = root.querySelector("form");
  var input = root.querySelector("input[type=search]");
  var status = root.querySelector(".morgue-search__status");
  var list = root.querySelector(".morgue-search__results");
  var more = root.querySelector(".morgue-search__more");
  var details = root.querySelector(".morgue-search__filters");
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-filter]"));
  var engine = null, filtersLoaded = null, results = [], shown = 0, run = 0;

  function load() {
    if (!bundles.length) return Promise.reject(new Error("The archive has no search index yet: it is built by `mkdocs build`."));
    if (!engine) {
      engine = import(bundles[0] + "pagefind.js").then(function (pagefind) {
        return pagefind.options({ baseUrl: siteRoot, excerptLength: 30 }).then(function () {
          return bundles.slice(1).reduce(function (done, bundle) {
            return done.then(function () { return pagefind.mergeIndex(bundle, { baseUrl: siteRoot }); });
          }, Promise.resolve());
        }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  function chosen() {
    var filters = {};
    selects.forEach(function (s) { if (s.value) filters[s.getAttribute("data-filter")] = s.value; });
    return filters;
  }

  function loadFilters() {
    if (!filtersLoaded) {
      filtersLoaded = load().then(function (pagefind) { return pagefind.filters(); }).then(function (all) {
        selects.forEach(function (select) {
          var name = select.getAttribute("data-filter");
          var wanted = select.getAttribute("data-wanted") || select.value;
          var values = Object.keys(all[name] || {});
          values.sort(name === "year" ? function (a, b) { return b.localeCompare(a); } : function (a, b) { return a.localeCompare(b); });
          values.forEach(function (value) {
            var option = document.createElement("option");
            option.value = value;
            option.textContent = value + " (" + all[name][value] + ")";
            select.appendChild(option);
          });
          if (wanted) select.value = wanted;
        });
      });
    }
    return filtersLoaded;
  }

  // Pagefind's excerpt is HTML with <mark>: parse it inert and keep only text and <mark>.
  function excerpt(html) {
    var out = document.createElement("p");
    out.className = "morgue-search__excerpt";
    var doc = new DOMParser().parseFromString("<body>" + html, "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 3) out.appendChild(document.createTextNode(node.textContent));
      else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "morgue-search__result";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    li.appendChild(link);
    var meta = data.meta || {};
    var about = [meta.date, meta.byline].filter(Boolean).join(" · ");
    if (about) {
      var line = document.createElement("p");
      line.className = "morgue-search__about";
      line.textContent = about;
      li.appendChild(line);
    }
    li.appendChild(excerpt(data.excerpt || ""));
    return li;
  }

  // Fragments are fetched together and shown in order, each as soon as it and those before it arrived.
  function showMore(mine) {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    var chain = Promise.resolve();
    batch.map(function (r) { return r.data(); }).forEach(function (pending) {
      chain = chain.then(function () { return pending; }).then(function (data) {
        if (mine === run) list.appendChild(item(data));
      });
    });
    return chain.then(function () { if (mine === run) more.hidden = shown >= results.length; });
  }

  function remember(query, filters) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(filters).forEach(function (k) { params.set(k, filters[k]); });
    var search = params.toString();
    history.replaceState(null, "", search ? "?" + search : window.location.pathname);
  }

  function search() {
    var mine = ++run;
    var query = input.value.trim();
    var filters = chosen();
    remember(query, filters);
    list.textContent = "";
    more.hidden = true;
    if (!query) { status.textContent = ""; return Promise.resolve(); }
    status.textContent = "Searching…";
    return load().then(function (pagefind) { return pagefind.search(query, { filters: filters }); }).then(function (found) {
      if (mine !== run) return;
      results = found.results;
      shown = 0;
      var n = results.length;
      status.textContent = n === 0 ? "No articles match." : n + (n === 1 ? " article" : " articles") + " found.";
      return showMore(mine);
    }).catch(function (err) {
      if (mine === run) status.textContent = err.message;
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    load().catch(function () {});  // start fetching the engine while the reader types
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); search(); });
  more.addEventListener("click", function () { showMore(run); });
  selects.forEach(function (s) { s.addEventListener("change", search); });
  details.addEventListener("toggle", function () { if (details.open) loadFilters(); });

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  var preset = selects.filter(function (s) {
    var value = params.get(s.getAttribute("data-filter"));
    if (value) s.setAttribute("data-wanted", value);
    return !!value;
  });
  if (preset.length) {
    details.open = true;
    loadFilters().then(search);
  } else if (input.value) {
    search();
  }
})();
