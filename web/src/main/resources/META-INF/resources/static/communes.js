// Commune autocomplete (progressive enhancement: without JavaScript the field is a plain text field the server
// understands). It asks the public communes API on the same origin and offers « Nom (code postal) » in a native
// <datalist>, which browsers and screen readers already know how to present. No inline script, no style attribute.
(function () {
  'use strict';
  var fields = document.querySelectorAll('input[data-communes]');
  Array.prototype.forEach.call(fields, function (input, index) {
    var list = document.createElement('datalist');
    list.id = 'communes-proposees-' + index;
    input.parentNode.appendChild(list);
    input.setAttribute('list', list.id);
    var timer = null;
    var last = '';
    input.addEventListener('input', function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last || /\(\d{5}\)$/.test(q)) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        last = q;
        fetch('/api/v1/communes?size=8&q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' }, credentials: 'omit' })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (page) {
            while (list.firstChild) { list.removeChild(list.firstChild); }
            (page.items || []).forEach(function (c) {
              var option = document.createElement('option');
              var postcode = c.codesPostaux && c.codesPostaux.length ? c.codesPostaux[0] : null;
              option.value = postcode ? c.nom + ' (' + postcode + ')' : c.nom;
              list.appendChild(option);
            });
          })
          .catch(function () { /* the plain field still works */ });
      }, 200);
    });
  });
})();
