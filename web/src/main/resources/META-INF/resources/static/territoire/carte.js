/* The coverage map (/territoire/couverture): the commune layer of the territory's département(s)
   (/territoire/communes/<dep>.geojson, FeatureCollection, properties {code, nom}) coloured from the table's rows
   (data-commune, data-etat): the table is the one source, so legend = table = map. No tile server unless the person
   presses « Afficher le fond OpenStreetMap ». Without this script (or Leaflet) the page keeps its legend and table. */
(function () {
  'use strict';
  var box = document.getElementById('carte');
  if (!box || !window.L || !window.fetch) {
    return;
  }
  var LABELS = { 'sans-aide': 'sans aide', couverte: 'couverte', 'non-calculee': 'non calculée' };
  var state = {};
  var rows = document.querySelectorAll('#communes tbody tr[data-commune]');
  for (var i = 0; i < rows.length; i++) {
    state[rows[i].getAttribute('data-commune')] = rows[i].getAttribute('data-etat');
  }
  var departements = (box.getAttribute('data-departements') || '').split(',').filter(function (d) { return d; });
  var wholeDepartement = box.getAttribute('data-type') === 'departement';
  var status = document.getElementById('carte-etat');
  box.classList.add('active');
  var map = L.map(box, { zoomControl: false, zoomSnap: 0.25 });
  L.control.zoom({ zoomInTitle: 'Zoomer', zoomOutTitle: 'Dézoomer' }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution('© IGN – Admin Express COG 2018');
  map.setView([46.6, 2.4], 6);

  function load(dep) {
    return fetch('/territoire/communes/' + encodeURIComponent(dep) + '.geojson', { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }

  Promise.all(departements.map(load)).then(function (layers) {
    var counts = { 'sans-aide': 0, couverte: 0, 'non-calculee': 0 };
    var drawn = {};
    var group = L.featureGroup();
    layers.forEach(function (collection) {
      if (!collection) {
        return;
      }
      L.geoJSON(collection, {
        // an EPCI: its own communes only (the table's); a département: all its communes, those without data marked
        filter: function (f) {
          var code = f.properties && f.properties.code;
          return !drawn[code] && (wholeDepartement || state[code] !== undefined);
        },
        style: function (f) {
          var s = state[f.properties.code] || 'non-calculee';
          return { className: 'commune commune-' + s, color: '#1b1b1b', weight: 1, opacity: 1, fillOpacity: 0.85 };
        },
        onEachFeature: function (f, layer) {
          var s = state[f.properties.code] || 'non-calculee';
          drawn[f.properties.code] = true;
          counts[s]++;
          layer.bindTooltip((f.properties.nom || f.properties.code) + ' : ' + LABELS[s], { sticky: true });
        }
      }).addTo(group);
    });
    var missing = Object.keys(state).filter(function (code) { return !drawn[code]; }).length;
    box.setAttribute('data-sans-aide', counts['sans-aide']);
    box.setAttribute('data-couvertes', counts.couverte);
    box.setAttribute('data-non-calculees', counts['non-calculee']);
    if (group.getLayers().length === 0) {
      status.textContent = 'Les contours des communes de ce territoire ne sont pas disponibles : le tableau ci-dessous donne les chiffres.';
      box.setAttribute('data-drawn', 'none');
      return;
    }
    group.addTo(map);
    map.invalidateSize();
    map.fitBounds(group.getBounds(), { padding: [8, 8] });
    status.textContent = 'Carte : ' + counts['sans-aide'] + ' communes sans aide, ' + counts.couverte + ' couvertes'
      + (counts['non-calculee'] ? ', ' + counts['non-calculee'] + ' non calculées' : '')
      + (missing ? ' (' + missing + ' communes du tableau sans contour sur la carte)' : '') + '.';
    box.setAttribute('data-drawn', 'done');
  });

  var osm = document.getElementById('fond-osm');
  if (osm) {
    osm.hidden = false;
    osm.addEventListener('click', function () {
      L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
        maxZoom: 19,
        attribution: '© <a href="https://www.openstreetmap.org/copyright">les contributeurs d’OpenStreetMap</a>'
      }).addTo(map).bringToBack();
      osm.disabled = true;
      osm.textContent = 'Fond OpenStreetMap affiché';
    });
  }
}());
