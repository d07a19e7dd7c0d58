// Summary charts: data from the json_script block, drawn with the vendored Chart.js.
document.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("summary-data");
  if (!node || typeof Chart === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  function draw(id, series, type) {
    var canvas = document.getElementById(id);
    if (!canvas || !series || !series.labels.length) { return; }
    new Chart(canvas, {
      type: type,
      data: { labels: series.labels, datasets: [{ label: canvas.dataset.seriesLabel || "Số ý kiến", data: series.values }] },
      options: { animation: false, responsive: true, plugins: { legend: { display: type !== "bar" } } }
    });
  }
  draw("chart-channel", data.channel, "doughnut");
  draw("chart-outcome", data.outcome, "doughnut");
  draw("chart-group", data.group, "bar");
});
