// Coverage chart: days since last contact per commune, threshold highlighted. Data via json_script.
(function () {
  function draw() {
    var holder = document.getElementById("coverage-data");
    var canvas = document.getElementById("coverage-chart");
    if (!holder || !canvas || typeof Chart === "undefined") return;
    var data = JSON.parse(holder.textContent);
    var days = data.days.map(function (d) { return d === null ? data.threshold * 2 : d; });
    var colors = days.map(function (d) { return d > data.threshold ? "#b42318" : "#1f6f43"; });
    canvas.parentNode.style.setProperty("--bars", String(Math.max(4, data.labels.length)));
    new Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: canvas.dataset.seriesLabel || "Số ngày chưa liên hệ", data: days, backgroundColor: colors }] },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, title: { display: true, text: canvas.dataset.axisLabel || "ngày" } } }
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
