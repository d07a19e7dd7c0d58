// Stacked bars of levels (or other series) per unit. Data via json_script: {labels, datasets:[{label, data}]}.
(function () {
  var COLORS = ["#1f6f43", "#2e90fa", "#f79009", "#b42318", "#7a5af8", "#667085", "#0e9384"];
  function draw(canvas) {
    var holder = document.getElementById(canvas.dataset.source);
    if (!holder || typeof Chart === "undefined") return;
    var data = JSON.parse(holder.textContent);
    var stacked = canvas.dataset.stacked === "1";
    canvas.parentNode.style.setProperty("--bars", String(Math.max(3, data.labels.length)));
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (d, i) {
          return { label: d.label, data: d.data, backgroundColor: COLORS[i % COLORS.length] };
        })
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: stacked, beginAtZero: true }, y: { stacked: stacked } }
      }
    });
  }
  function drawAll() {
    var canvases = document.querySelectorAll("canvas[data-source]");
    for (var i = 0; i < canvases.length; i++) draw(canvases[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
