import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { isSilentRenewalFrame, loadConfig, oidcManager } from "@/auth/session";
import "./index.css";

if (isSilentRenewalFrame()) {
  // A hidden frame of a token renewal (providers without refresh tokens): no interface, only the answer.
  void loadConfig().then(async (config) => {
    if (config.oidc) await (await oidcManager(config.oidc)).signinSilentCallback();
  });
} else {
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
