// Submit only the filters that are set: shared URLs stay short
// (?kind=pledge, not ?donor_group=&kind=pledge&announced_after=&...).
// Without JavaScript the form still works, with the empty fields in the URL.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form.filter-form")) return;
  for (const field of form.elements) {
    if (!field.name) continue;
    const empty = field.multiple ? field.selectedOptions.length === 0 : field.value === "";
    if (empty) field.disabled = true;
  }
  // Re-enable after the navigation starts, so Back shows the form as it was.
  setTimeout(() => { for (const field of form.elements) field.disabled = false; }, 0);
});
