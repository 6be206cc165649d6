// Share and look: a copy-link button for the current view, a full-screen toggle per chart,
// and figures a page fetches after it is shown (data-count-url: too costly to wait for).
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

// Each bar, point or country of a chart opens the list filtered to it: the page's filters,
// with the donor, category or month of what was clicked in place of theirs.
function listUrlFor(section, link) {
  const url = new URL(section.dataset.list, window.location.href);
  const params = url.searchParams;
  params.delete("page");
  if (link.donor) { params.delete("donor"); params.delete("donor_group"); params.append("donor", link.donor); }
  if (link.category) { params.delete("category"); params.append("category", link.category); }
  if (link.month) {
    const [year, month] = link.month.split("-").map(Number);
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    params.set("announced_after", `${link.month}-01`);
    params.set("announced_before", `${link.month}-${String(last).padStart(2, "0")}`);
  }
  return url.toString();
}

document.addEventListener("DOMContentLoaded", () => {
  for (const section of document.querySelectorAll("section.chart[data-list]")) {
    const plot = section.querySelector(".plotly-graph-div");
    if (!plot || !plot.on) continue;
    plot.on("plotly_click", (event) => {
      const point = event.points && event.points[0];
      // customdata: {donor, category, month}; or none, the donor in the trace's meta and the
      // month its x ("2024-03", which Plotly may hand back as "2024-03-01")
      const data = point && point.customdata;
      const meta = point && point.data && point.data.meta;
      const link = data || (meta && point.x ? {...meta, month: String(point.x).slice(0, 7)} : null);
      if (!link || !(link.donor || link.category || link.month)) return;
      window.location.assign(listUrlFor(section, link));
    });
  }
});

document.addEventListener("DOMContentLoaded", async () => {
  for (const figure of document.querySelectorAll("[data-count-url]")) {
    try {
      const response = await fetch(figure.dataset.countUrl, {headers: {Accept: "application/json"}});
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const value = (await response.json())[figure.dataset.countKey];
      figure.textContent = Number(value).toLocaleString("en-US");
    } catch (error) {
      figure.textContent = "not available";
      figure.title = `The count could not be loaded (${error.message}): reload the page to try again.`;
    }
  }
});
