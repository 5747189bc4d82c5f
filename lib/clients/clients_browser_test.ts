import assert from "node:assert/strict";
import { withPage } from "../../e2e/browser.ts";
import { OWNER, servedStudio } from "../testing/served_studio.ts";

// Journey 6: staff create a client (a label company with its contacts), a problem is explained beside
// its field with everything typed kept, and the client is found again by searching part of its name.
Deno.test("journey 6: create a label with contacts and find it again by part of its name", async () => {
  await using served = await servedStudio();
  const { studio } = served;
  await withPage(async (page) => {
    await page.goto(`${studio}/app/clients`);
    await page.getByLabel("E-mail address").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${studio}/app/clients`);
    await page.getByRole("heading", { name: "No clients yet" }).waitFor();

    await page.getByRole("link", { name: "New client" }).first().click();
    await page.getByRole("heading", { name: "New client" }).waitFor();
    await page.getByLabel(/^Kind/).selectOption("company");
    await page.getByRole("textbox", { name: /^Name/ }).first().fill("Blue Note Records");
    await page.getByRole("textbox", { name: "E-mail", exact: true }).first().fill("hello@bluenote.example");
    await page.getByRole("textbox", { name: "Phone", exact: true }).first().fill("12");
    await page.getByLabel("Tags").fill("label, vip");

    const contact = (n: number) => page.getByRole("group", { name: `Contact ${n}` });
    await contact(1).getByLabel("Name").fill("Maria Lopez");
    await contact(1).getByLabel("Role").fill("A&R");
    await contact(1).getByLabel("E-mail").fill("maria@bluenote.example");
    await contact(2).getByLabel("Name").fill("Tom Price");
    await contact(2).getByLabel("Role").fill("accountant");
    await page.getByRole("button", { name: "Add another contact" }).click();
    await contact(3).waitFor();
    assert.equal(
      await contact(1).getByLabel("Name").inputValue(),
      "Maria Lopez",
      "rows kept across the round trip",
    );
    await contact(3).getByLabel("Name").fill("Jo Lane");
    await contact(3).getByLabel("Role").fill("manager");

    await page.getByRole("button", { name: "Create the client" }).click();
    await page.getByRole("alert").waitFor();
    const phone = page.getByRole("textbox", { name: "Phone", exact: true }).first();
    assert.equal(await phone.getAttribute("aria-invalid"), "true");
    const errorId = (await phone.getAttribute("aria-describedby"))!.split(" ").find((id) =>
      id.endsWith("-error")
    );
    assert.match(await page.locator(`#${errorId}`).textContent() ?? "", /at least five digits/);
    assert.equal(await contact(3).getByLabel("Name").inputValue(), "Jo Lane", "what was typed is kept");

    await phone.fill("+33 1 23 45 67 89");
    // Enter in a field saves the client (the form's default button), not "Add another contact".
    await phone.press("Enter");
    await page.getByRole("heading", { name: "Blue Note Records", level: 1 }).waitFor();
    assert.ok(await page.getByText("Client created.").isVisible());
    const contacts = page.getByRole("heading", { name: "Contacts" }).locator("xpath=ancestor::div[2]");
    for (const name of ["Maria Lopez", "Tom Price", "Jo Lane"]) {
      assert.ok(await contacts.getByText(name).isVisible());
    }

    await page.locator("aside").getByRole("link", { name: "Clients" }).click();
    await page.getByRole("searchbox", { name: /^Search/ }).fill("note rec");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText("1 client matches “note rec”").waitFor();
    await page.getByRole("link", { name: "Blue Note Records" }).click();
    await page.getByRole("heading", { name: "Blue Note Records", level: 1 }).waitFor();

    await page.goBack();
    await page.getByRole("searchbox", { name: /^Search/ }).fill("lopez");
    await page.getByRole("searchbox", { name: /^Search/ }).press("Enter");
    await page.getByText("through Maria Lopez").waitFor();
  });
});
