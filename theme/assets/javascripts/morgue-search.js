// The archive's search page, over Pagefind's JavaScript API (loaded on this page only, at the
// first query). A large archive's index comes in parts, each a range of dates, newest first.
//
// "Newest first" (the default) searches the newest part, and an older part only when the reader
// asks for more results than the parts searched so far hold. The parts are merged into one
// Pagefind instance (one WebAssembly module), each with a `part` filter of its own, so that one
// search returns one part's matches in date order (Pagefind's sort): a first query fetches the
// index chunks of the newest part, not of every part. A new query starts on a fresh instance when
// the last one had grown, so it too fetches nothing of the older parts until asked.
// "Best match" merges every part and ranks by Pagefind's relevance.
//
// Filters by author, year and tag load when the reader opens them. The query, filters and order
// live in the URL (?q=...&author=...&year=...&tag=...&sort=relevance), so links can open a search.
(function () {
  "use strict";
  var root = document.getElementById("morgue-search");
  if (!root) return;
  var PAGE = parseInt(root.getAttribute("data-per-page"), 10) || 10;
  var since = root.getAttribute("data-since").split(" ").filter(Boolean);
  var parts = root.getAttribute("data-bundles").split(" ").filter(Boolean).map(function (bundle, n) {
    return { path: new URL(bundle, document.baseURI).pathname, since: since[n] === "-" ? "" : since[n] };
  });
  var siteRoot = new URL(root.getAttribute("data-root"), document.baseURI).pathname;
  var form = root.querySelector("form");
  var input = root.querySelector("input[type=search]");
  var order = root.querySelector("select[data-sort]");
  var status = root.querySelector(".morgue-search__status");
  var list = root.querySelector(".morgue-search__results");
  var more = root.querySelector(".morgue-search__more");
  var details = root.querySelector(".morgue-search__filters");
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-filter]"));
  var pagefind = null, newest = null, full = null, filtersLoaded = null, cursor = null, shown = 0, run = 0;

  function noop() {}

  function api() {
    if (!parts.length) return Promise.reject(new Error("The archive has no search index yet: it is built by `mkdocs build`."));
    if (!pagefind) pagefind = import(parts[0].path + "pagefind.js");
    return pagefind;
  }

  function partOptions(n) {
    return { baseUrl: siteRoot, excerptLength: 30, mergeFilter: { part: String(n) } };
  }

  // An engine: a Pagefind instance over the newest `count` parts, which `widen` grows.
  function engine(count) {
    var state = { parts: 1 };
    state.ready = api().then(function (module) {
      var instance = module.createInstance(Object.assign({ basePath: parts[0].path }, partOptions(0)));
      return instance.init().then(function () { return instance; });
    });
    widen(state, count);
    return state;
  }

  function widen(state, count) {
    function merge(n) {
      state.ready = state.ready.then(function (instance) {
        return instance.mergeIndex(parts[n].path, partOptions(n)).then(function () { return instance; });
      });
    }
    while (state.parts < Math.min(count, parts.length)) merge(state.parts++);
    return state.ready;
  }

  function fullEngine() {
    if (!full) full = engine(parts.length);
    return full.ready;
  }

  // The engine for a new query by date: the current one if it covers the newest part only.
  function freshEngine() {
    var old = newest;
    if (!old || old.parts > 1) {
      newest = engine(1);
      if (old) Promise.all([old.ready, newest.ready]).then(function (both) { both[0].destroy(); }, noop);
    }
    return newest;
  }

  function counted(n) {
    return n === 0 ? "No articles match." : n + (n === 1 ? " article" : " articles") + " found.";
  }

  function month(iso) {
    var lang = document.documentElement.lang || undefined;
    return new Date(iso + "T00:00:00").toLocaleDateString(lang, { year: "numeric", month: "long" });
  }

  // The words of a query, as Pagefind splits them (word segmentation for Chinese and Japanese).
  function wordsOf(query) {
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      var segmenter = new Intl.Segmenter(document.documentElement.lang || undefined, { granularity: "word" });
      return Array.from(segmenter.segment(query)).filter(function (s) { return s.isWordLike; }).map(function (s) {
        return s.segment;
      });
    }
    return query.split(/\s+/).filter(Boolean);
  }

  // Pagefind leaves out the words of a query that its index does not hold, so a part without one
  // of the words would answer with pages holding only the others. A part's matches count only if
  // the part holds every word; a word held by no part at all is left out, as one index would.
  // Resolves to a function: part number -> the words (of `words`) that part does not hold. Each
  // word is counted per part by one search that a `part` filter no page has keeps free of results.
  function lacking(instance, words) {
    if (words.length < 2) return Promise.resolve(function () { return []; });
    return Promise.all(words.map(function (word) {
      return instance.search(word, { filters: { part: "none" } });
    })).then(function (responses) {
      return function (n) {
        return words.filter(function (_, i) {
          var counts = (responses[i].totalFilters || {}).part || {};
          return !(counts[String(n)] > 0);
        });
      };
    });
  }

  // A cursor hands out a query's results in order: take(from, count), then more(shown), summary().
  function byDate(state, query, filters) {
    var found = [], searched = 0, words = wordsOf(query), absent = [];
    function fill(count) {
      if (found.length >= count) return Promise.resolve();
      if (searched >= parts.length) return retry(count);
      var n = searched;
      return widen(state, n + 1).then(function (instance) {
        var only = Object.assign({}, filters, { part: String(n) });
        return Promise.all([instance.search(query, { filters: only, sort: { date: "desc" } }), lacking(instance, words)]);
      }).then(function (both) {
        var missing = both[1](n);
        absent.push(missing);
        if (!missing.length) found = found.concat(both[0].results);
        searched = n + 1;
        return fill(count);
      });
    }
    // Every part searched and none held every word: leave out the words no part holds.
    function retry(count) {
      var unknown = words.filter(function (word) {
        return absent.every(function (missing) { return missing.indexOf(word) >= 0; });
      });
      if (found.length || !unknown.length || unknown.length === words.length) return Promise.resolve();
      words = words.filter(function (word) { return unknown.indexOf(word) < 0; });
      query = words.join(" ");
      searched = 0;
      absent = [];
      return fill(count);
    }
    return {
      take: function (from, count) {
        return fill(from + count).then(function () { return found.slice(from, from + count); });
      },
      more: function (at) { return at < found.length || searched < parts.length; },
      summary: function () {
        if (searched === parts.length) return counted(found.length);
        var oldest = parts[searched - 1].since, n = found.length;
        return n + (n === 1 ? " article" : " articles") + " found" + (oldest ? " since " + month(oldest) : "") +
          ", newest first; “More results” goes on into older articles.";
      }
    };
  }

  function byRelevance(query, filters) {
    var found = null, total = 0;
    function all() {
      if (!found) {
        found = fullEngine().then(function (instance) {
          var words = wordsOf(query);
          return lacking(instance, words).then(function (lacks) {
            var absent = parts.map(function (_, n) { return lacks(n); });
            var held = words.filter(function (word) {
              return absent.some(function (missing) { return missing.indexOf(word) < 0; });
            });
            var whole = parts.map(function (_, n) { return String(n); }).filter(function (n) {
              return !absent[n].some(function (word) { return held.indexOf(word) >= 0; });
            });
            var only = whole.length === parts.length ? filters : Object.assign({}, filters, { part: { any: whole } });
            return whole.length ? instance.search(query, { filters: only }) : { results: [] };
          });
        }).then(function (response) { return response.results; });
      }
      return found;
    }
    return {
      take: function (from, count) {
        return all().then(function (results) { total = results.length; return results.slice(from, from + count); });
      },
      more: function (at) { return at < total; },
      summary: function () { return counted(total); }
    };
  }

  function chosen() {
    var filters = {};
    selects.forEach(function (s) { if (s.value) filters[s.getAttribute("data-filter")] = s.value; });
    return filters;
  }

  function loadFilters() {
    if (!filtersLoaded) {
      filtersLoaded = fullEngine().then(function (instance) { return instance.filters(); }).then(function (all) {
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
      if (node.nodeName === "MARK") {
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

  // The next page of results; fragments are fetched together and shown in order, each as soon as
  // it and those before it arrived.
  function showMore(mine) {
    more.disabled = true;
    return cursor.take(shown, PAGE).then(function (batch) {
      if (mine !== run) return;
      shown += batch.length;
      status.textContent = cursor.summary();
      var chain = Promise.resolve();
      batch.map(function (r) { return r.data(); }).forEach(function (pending) {
        chain = chain.then(function () { return pending; }).then(function (data) {
          if (mine === run) list.appendChild(item(data));
        });
      });
      return chain.then(function () { if (mine === run) more.hidden = !cursor.more(shown); });
    }).catch(function (err) {
      if (mine === run) status.textContent = err.message;
    }).then(function () {
      if (mine === run) more.disabled = false;
    });
  }

  function remember(query, filters) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(filters).forEach(function (k) { params.set(k, filters[k]); });
    if (order.value) params.set("sort", order.value);
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
    shown = 0;
    if (!query) { status.textContent = ""; return Promise.resolve(); }
    status.textContent = "Searching…";
    cursor = order.value === "relevance" ? byRelevance(query, filters) : byDate(freshEngine(), query, filters);
    return showMore(mine);
  }

  // Start fetching the engine while the reader types.
  function warm() {
    var ready = order.value === "relevance" ? fullEngine() : (newest || freshEngine()).ready;
    ready.catch(noop);
  }

  var timer = null;
  input.addEventListener("input", function () {
    warm();
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); search(); });
  more.addEventListener("click", function () { showMore(run); });
  order.addEventListener("change", search);
  selects.forEach(function (s) { s.addEventListener("change", search); });
  details.addEventListener("toggle", function () { if (details.open) loadFilters(); });

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  if (params.get("sort") === "relevance") order.value = "relevance";
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
