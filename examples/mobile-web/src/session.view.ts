import { h } from "./dom.js";
import type { Session } from "./session.js";

/**
 * The header's sign-in corner: who is signed in, or a form. With Cognito, an e-mail and a password,
 * and "Create account" (a code arrives by e-mail, then the same form confirms it and signs in);
 * with the local token endpoint, just a name.
 */
export function mountSessionBar(root: HTMLElement, session: Session, report: (error: unknown) => void): void {
  const { method } = session;
  // Between "Create account" and the code: what to confirm and then sign in with.
  let confirming: { email: string; password: string } | undefined;
  const render = () => {
    const user = session.user();
    if (user) {
      root.replaceChildren(
        h("span", { "data-testid": "signed-in-as" }, user),
        h(
          "button",
          { "data-testid": "sign-out", onclick: () => void session.signOut().catch(report) },
          "Sign out",
        ),
      );
      return;
    }
    const cognito = method.kind === "cognito";
    const name = h("input", {
      name: "user",
      type: cognito ? "email" : "text",
      autocomplete: cognito ? "username" : "off",
      placeholder: cognito ? "e-mail" : "your name",
      "aria-label": cognito ? "E-mail" : "Name",
      "data-testid": "sign-in-name",
    });
    const password = h("input", {
      name: "password",
      type: "password",
      autocomplete: "current-password",
      placeholder: "password",
      "aria-label": "Password",
      "data-testid": "sign-in-password",
    });
    const code = h("input", {
      name: "code",
      inputmode: "numeric",
      autocomplete: "one-time-code",
      placeholder: "code from the e-mail",
      "aria-label": "Confirmation code",
      "data-testid": "sign-up-code",
    });
    const signUp = h("button", { type: "button", "data-testid": "sign-up" }, "Create account");
    signUp.addEventListener("click", () => {
      const email = name.value.trim();
      if (!email || !password.value || !method.signUp) return;
      method
        .signUp(email, password.value)
        .then(() => {
          confirming = { email, password: password.value };
          render();
        })
        .catch(report);
    });
    const form = h(
      "form",
      { class: "session" },
      name,
      cognito ? password : null,
      confirming ? code : null,
      h("button", { type: "submit", "data-testid": "sign-in" }, confirming ? "Confirm" : "Sign in"),
      cognito && !confirming ? signUp : null,
    );
    if (confirming) {
      name.value = confirming.email;
      password.value = confirming.password;
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const user = name.value.trim();
      if (!user || (cognito && !password.value)) return;
      const confirmed =
        confirming && method.confirmSignUp
          ? method.confirmSignUp(user, code.value.trim())
          : Promise.resolve();
      confirmed
        .then(() => {
          confirming = undefined;
          return session.signIn(user, password.value);
        })
        .catch(report);
    });
    root.replaceChildren(form);
  };
  session.onChange(render);
  render();
}
