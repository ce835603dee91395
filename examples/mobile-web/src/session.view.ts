import { h } from "./dom.js";
import type { Session } from "./session.js";

/** The header's sign-in corner: a name field for the local token endpoint, or who is signed in. */
export function mountSessionBar(root: HTMLElement, session: Session, report: (error: unknown) => void): void {
  const render = () => {
    const user = session.user();
    if (user) {
      root.replaceChildren(
        h("span", { "data-testid": "signed-in-as" }, user),
        h("button", { "data-testid": "sign-out", onclick: () => session.signOut() }, "Sign out"),
      );
      return;
    }
    const name = h("input", {
      name: "user",
      placeholder: "your name",
      "aria-label": "Name",
      "data-testid": "sign-in-name",
    });
    const form = h(
      "form",
      { class: "session" },
      name,
      h("button", { type: "submit", "data-testid": "sign-in" }, "Sign in"),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const user = name.value.trim();
      if (user) session.signIn(user).catch(report);
    });
    root.replaceChildren(form);
  };
  session.onChange(render);
  render();
}
