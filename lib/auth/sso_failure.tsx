import { AuthPanel } from "@/components/AuthPanel.tsx";
import { Button } from "@/components/Button.tsx";
import type { Translator } from "@/lib/i18n/mod.ts";
import type { SsoProblem } from "./sso.ts";

/** The page a refused SSO sign-in ends on: what went wrong, in words, and the way back. */
export function SsoFailure(
  { problem, base, t }: { problem: SsoProblem; base: string; t: Translator["t"] },
) {
  return (
    <AuthPanel title={t("sso.failed.title")}>
      <p class="text-sm text-neutral-700" role="alert" data-problem={problem}>
        {t(`sso.problem.${problem}`)}
      </p>
      <div class="mt-4 flex flex-wrap gap-3">
        {problem !== "not_enabled" && <Button href={`${base}/sign-in/sso`}>{t("sso.failed.again")}</Button>}
        <Button href={`${base}/sign-in`} variant="secondary">{t("auth.back_to_sign_in")}</Button>
      </div>
    </AuthPanel>
  );
}
