// Charts for the quarterly pack and the leaders' dashboard; data comes from json_script tags.
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var colours = ["#2e7d32", "#b26a00", "#0b5cad", "#b3261e"];
  function ready() {
    if (typeof Chart === "undefined") { return; }
    var pack = data("pack-chart-data");
    var canvas = document.getElementById("pack-chart");
    if (pack && canvas) {
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: pack.labels,
          datasets: pack.series.map(function (s, i) { return { label: s.label, data: s.data, backgroundColor: colours[i] }; })
        },
        options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
                   scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } } }
      });
    }
    var trend = data("trend-data");
    var tcanvas = document.getElementById("trend-chart");
    if (trend && tcanvas) {
      new Chart(tcanvas, {
        data: {
          labels: trend.labels,
          datasets: [
            { type: "line", label: tcanvas.dataset.rateLabel || "Tỷ lệ hoàn thành (%)", data: trend.rate, borderColor: colours[2], yAxisID: "y" },
            { type: "bar", label: tcanvas.dataset.overdueLabel || "Số nhiệm vụ quá hạn", data: trend.overdue, backgroundColor: colours[3], yAxisID: "y1" }
          ]
        },
        options: { responsive: true, maintainAspectRatio: false, animation: false,
                   scales: { y: { min: 0, max: 100, position: "left" }, y1: { min: 0, position: "right", ticks: { precision: 0 }, grid: { drawOnChartArea: false } } } }
      });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
})();
