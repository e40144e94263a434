// qmsforms serve — the page's own script: live validation by the library (the server's
// /validate answers with the same problems as `qmsforms validate`), add and remove table rows.
// No framework, nothing from another origin. Every form also works without it.
(function () {
  'use strict';
  document.documentElement.classList.add('js');   // the page's script runs (styles and tests may tell)
  var body = document.body;
  var csrf = body.getAttribute('data-csrf');
  var form = document.querySelector('form.record');
  if (!form) { return; }
  var summary = document.getElementById('summary');
  var touched = {};
  // A page the server answered with problems has been checked: show every problem from now on.
  var checkedAll = !!(summary && summary.querySelector('li'));
  var timer = null;
  var sequence = 0;

  function anchorFor(path) {
    var p = path;
    for (;;) {
      var el = form.querySelector('ul.problems[data-for="' + CSS.escape(p) + '"]');
      if (el) { return el; }
      var cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) { return null; }
      p = p.slice(0, cut);
    }
  }

  function isTouched(path) {
    if (checkedAll) { return true; }
    for (var name in touched) {
      if (name === path || name.indexOf(path + '.') === 0 || name.indexOf(path + '[') === 0 || path.indexOf(name + '.') === 0) { return true; }
    }
    return false;
  }

  function show(result) {
    form.querySelectorAll('ul.problems[data-for]').forEach(function (ul) { ul.replaceChildren(); });
    form.querySelectorAll('.field.has-problem, td.has-problem').forEach(function (el) { el.classList.remove('has-problem'); });
    var listed = [];
    result.problems.forEach(function (p) {
      if (!isTouched(p.path)) { return; }
      listed.push(p);
      var ul = anchorFor(p.path);
      if (!ul) { return; }
      var li = document.createElement('li');
      li.textContent = p.message;
      if (p.hint) {
        var fix = document.createElement('span');
        fix.className = 'fix';
        fix.textContent = ' ' + p.hint;
        li.appendChild(fix);
      }
      ul.appendChild(li);
      var box = ul.closest('td, .field');
      if (box) { box.classList.add('has-problem'); }
    });
    form.querySelectorAll('output.computed').forEach(function (out) {
      var html = result.computed[out.getAttribute('data-path')];
      if (html === undefined) { out.textContent = summary.getAttribute('data-later'); return; }
      var parsed = new DOMParser().parseFromString(html, 'text/html');   // inert: no script runs
      out.replaceChildren.apply(out, Array.prototype.slice.call(parsed.body.childNodes));
    });
    summary.replaceChildren();
    if (result.valid) {
      var ok = document.createElement('p');
      ok.className = 'valid';
      ok.textContent = summary.getAttribute('data-valid');
      summary.appendChild(ok);
    } else if (listed.length > 0) {
      var h = document.createElement('h2');
      h.textContent = summary.getAttribute('data-heading') + ' (' + listed.length + ')';
      var ul = document.createElement('ul');
      ul.className = 'problems shown';
      listed.forEach(function (p) {
        var li = document.createElement('li');
        var code = document.createElement('code');
        code.textContent = p.path;
        li.appendChild(code);
        li.appendChild(document.createTextNode(' ' + p.message));
        ul.appendChild(li);
      });
      summary.appendChild(h);
      summary.appendChild(ul);
    }
  }

  function validate() {
    var mine = ++sequence;
    var data = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute('data-validate'), {
      method: 'POST', credentials: 'same-origin', body: data,
      headers: { 'X-CSRF-Token': csrf, 'Accept': 'application/json' }
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (result) { if (result && mine === sequence) { show(result); } })
      .catch(function () { /* offline: the buttons still post the form */ });
  }

  function later() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(validate, 250);
  }

  form.addEventListener('input', function (e) { if (e.target.name) { touched[e.target.name] = true; } later(); });
  form.addEventListener('change', function (e) { if (e.target.name) { touched[e.target.name] = true; } later(); });

  // Rows: a table's rows are numbered 1…n without gaps, as the library numbers them in problems.
  function renumber(table) {
    var path = table.getAttribute('data-table');
    var prefix = path + '[';
    table.querySelectorAll('tbody > tr').forEach(function (tr, i) {
      var now = prefix + (i + 1) + ']';
      tr.querySelectorAll('*').forEach(function (el) {
        ['name', 'id', 'for', 'data-path', 'data-for', 'aria-label'].forEach(function (attr) {
          var v = el.getAttribute(attr);
          if (v === null) { return; }
          var at = v.indexOf(prefix);
          if (at < 0) { return; }
          var close = v.indexOf(']', at);
          el.setAttribute(attr, v.slice(0, at) + now + v.slice(close + 1));
        });
      });
      tr.setAttribute('data-path', now);
    });
  }

  form.addEventListener('click', function (e) {
    var add = e.target.closest('button.add-row');
    if (add) {
      var path = add.getAttribute('data-add-row');
      var table = form.querySelector('table[data-table="' + CSS.escape(path) + '"]');
      var model = form.querySelector('template[data-row-for="' + CSS.escape(path) + '"]');
      var tbody = table.querySelector('tbody');
      var max = parseInt(table.getAttribute('data-max-rows') || '0', 10);
      if (max > 0 && tbody.children.length >= max) { return; }
      var row = model.content.firstElementChild.cloneNode(true);
      tbody.appendChild(row);
      renumber(table);
      var first = row.querySelector('input, select, textarea');
      if (first) { first.focus(); }
      return;
    }
    var remove = e.target.closest('button.remove-row');
    if (remove) {
      var tr = remove.closest('tr');
      var t = tr.closest('table');
      tr.remove();
      renumber(t);
      later();
    }
  });

  // Submitting shows every problem from now on (the server answers with them too).
  form.addEventListener('submit', function () { checkedAll = true; });
})();
