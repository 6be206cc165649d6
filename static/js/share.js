// Share and look: a copy-link button for the current view, a full-screen toggle per chart.
// Pages work without it; it only adds controls.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy-link]");
  if (!button) return;
  const status = document.getElementById(button.dataset.copyLink);
  try {
    await navigator.clipboard.writeText(window.location.href);
    if (status) status.textContent = "Link copied";
  } catch (error) {
    // no clipboard (an insecure origin, a denied permission): show the link to copy by hand
    if (status) status.textContent = window.location.href;
  }
});

document.addEventListener("DOMContentLoaded", () => {
  for (const section of document.querySelectorAll("section.chart")) {
    const plot = section.querySelector(".plotly-graph-div");
    if (!plot || !section.requestFullscreen) continue;
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "fullscreen-toggle";
    toggle.textContent = "Full screen";
    toggle.setAttribute("aria-label", "Show this chart full screen");
    toggle.addEventListener("click", () => {
      if (document.fullscreenElement === section) document.exitFullscreen();
      else section.requestFullscreen();
    });
    section.append(toggle);
  }
});

document.addEventListener("fullscreenchange", () => {
  for (const plot of document.querySelectorAll("section.chart .plotly-graph-div")) {
    if (window.Plotly) window.Plotly.Plots.resize(plot);
  }
  for (const toggle of document.querySelectorAll(".fullscreen-toggle")) {
    toggle.textContent = toggle.parentElement === document.fullscreenElement ? "Exit full screen" : "Full screen";
  }
});
