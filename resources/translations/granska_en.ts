<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="sv">
<context>
    <name>AccountFormDialog</name>
    <message>
        <source>Nytt konto</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>Redigera %s</source>
        <translation>Edit %s</translation>
    </message>
    <message>
        <source>Plattform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Kontonyckel</source>
        <translation>Account key</translation>
    </message>
    <message>
        <source>t.ex. fb-kommunen (små bokstäver, siffror, - och _)</source>
        <translation>e.g. fb-municipality (lower-case letters, digits, - and _)</translation>
    </message>
    <message>
        <source>Namn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Sidans adress</source>
        <translation>Page address</translation>
    </message>
    <message>
        <source>Plattformens id för sidan eller kanalen</source>
        <translation>The platform&apos;s id for the page or channel</translation>
    </message>
    <message>
        <source>API-adress</source>
        <translation>API address</translation>
    </message>
    <message>
        <source>tomt: plattformens vanliga adress</source>
        <translation>empty: the platform&apos;s usual address</translation>
    </message>
    <message>
        <source>Plattformens id</source>
        <translation>Platform id</translation>
    </message>
    <message>
        <source>t.ex. Vi svarar inom 24 timmar på vardagar.</source>
        <translation>e.g. We answer within 24 hours on weekdays.</translation>
    </message>
    <message>
        <source>Spara</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Konton</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Kontoregister</source>
        <translation>Account register</translation>
    </message>
    <message>
        <source>Administratörer</source>
        <translation>Administrators</translation>
    </message>
    <message>
        <source>Inloggning</source>
        <translation>Sign-in</translation>
    </message>
    <message>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Kontot används</source>
        <translation>The account is in use</translation>
    </message>
    <message>
        <source>Namn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Sidans adress</source>
        <translation>Page address</translation>
    </message>
    <message>
        <source>Syfte</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Innehåll</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>Tonalitet</source>
        <translation>Tone</translation>
    </message>
    <message>
        <source>Bevakning</source>
        <translation>Monitoring</translation>
    </message>
    <message>
        <source>Svarstid</source>
        <translation>Response time</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>Presentation</translation>
    </message>
    <message>
        <source>Kontaktuppgifter</source>
        <translation>Contact details</translation>
    </message>
    <message>
        <source>Spara kontoregistret</source>
        <translation>Save the account register</translation>
    </message>
    <message>
        <source>Användarnamn</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>E-post</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Telefon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Administratör att lägga till</source>
        <translation>Administrator to add</translation>
    </message>
    <message>
        <source>Lägg till</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Ta bort markerad</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>Användarnamn (inloggning)</source>
        <translation>User name (login)</translation>
    </message>
    <message>
        <source>Ny administratör för kontot</source>
        <translation>New administrator for the account</translation>
    </message>
    <message>
        <source>Ny administratör (kontaktuppgifterna lämnas till kommunikationschefen):</source>
        <translation>New administrator (the contact details go to the head of communications):</translation>
    </message>
    <message>
        <source>Klistra in token från plattformen</source>
        <translation>Paste the token from the platform</translation>
    </message>
    <message>
        <source>Ny token (visas inte)</source>
        <translation>New token (not shown)</translation>
    </message>
    <message>
        <source>Spara token</source>
        <translation>Save token</translation>
    </message>
    <message>
        <source>Testa anslutning</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Byt token</source>
        <translation>Replace token</translation>
    </message>
    <message>
        <source>Ta bort token</source>
        <translation>Remove token</translation>
    </message>
    <message>
        <source>Token sparas i operativsystemets nyckelring, aldrig i databasen. Byt token testar den nya och behåller den gamla om plattformen inte godtar den nya.</source>
        <translation>The token is kept in the operating system&apos;s keyring, never in the database. Replace token tests the new one and keeps the old one if the platform does not accept the new one.</translation>
    </message>
    <message>
        <source>aldrig</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Senast hämtat: %s</source>
        <translation>Last fetched: %s</translation>
    </message>
    <message>
        <source>Senaste fel: %s</source>
        <translation>Last error: %s</translation>
    </message>
    <message>
        <source>Kontrollerar nyckelringen…</source>
        <translation>Checking the keyring…</translation>
    </message>
    <message>
        <source>Token: %s</source>
        <translation>Token: %s</translation>
    </message>
    <message>
        <source>Kontoregistret för %s är sparat.</source>
        <translation>The account register for %s is saved.</translation>
    </message>
    <message>
        <source>Klistra in en token först.</source>
        <translation>Paste a token first.</translation>
    </message>
    <message>
        <source>Token är sparad i nyckelringen. Testa anslutningen.</source>
        <translation>The token is saved in the keyring. Test the connection.</translation>
    </message>
    <message>
        <source>Byter och testar…</source>
        <translation>Replacing and testing…</translation>
    </message>
    <message>
        <source>Testar anslutningen…</source>
        <translation>Testing the connection…</translation>
    </message>
    <message>
        <source>Anslutningen fungerar: </source>
        <translation>The connection works: </translation>
    </message>
    <message>
        <source>Anslutningen fungerar inte: </source>
        <translation>The connection does not work: </translation>
    </message>
    <message>
        <source>Ta bort token för %s ur nyckelringen? Granska kan då inte hämta eller ta bort kommentarer för kontot förrän en ny token sparas.</source>
        <translation>Remove the token for %s from the keyring? Granska then cannot fetch or remove comments for the account until a new token is saved.</translation>
    </message>
    <message>
        <source>Token är borttagen ur nyckelringen.</source>
        <translation>The token is removed from the keyring.</translation>
    </message>
    <message>
        <source>Nytt konto…</source>
        <translation>New account…</translation>
    </message>
    <message>
        <source>Redigera…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Kontot %s är sparat.</source>
        <translation>The account %s is saved.</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>%s: %s</source>
        <translation>%s: %s</translation>
    </message>
    <message>
        <source>%d markerade poster</source>
        <translation>%d selected items</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Enter bekräftar · Skift+Enter ny rad · Esc avbryter</source>
        <translation>Enter confirms · Shift+Enter new line · Esc cancels</translation>
    </message>
</context>
<context>
    <name>AdministratorsDialog</name>
    <message>
        <source>Administratörer</source>
        <translation>Administrators</translation>
    </message>
    <message>
        <source>Förvaltningschefen beslutar vem som administrerar varje konto. Minst två personer ska kunna administrera varje konto och öppna dess inloggningsuppgifter.</source>
        <translation>The head of administration decides who administers each account. At least two people should be able to administer each account and open its login credentials.</translation>
    </message>
    <message>
        <source>Konton och deras administratörer</source>
        <translation>Accounts and their administrators</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Kan öppna inloggningsuppgifterna</source>
        <translation>Can open the login credentials</translation>
    </message>
    <message>
        <source>Varning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Administratör</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Tilldela kontot</source>
        <translation>Assign to the account</translation>
    </message>
    <message>
        <source>Ta bort från kontot</source>
        <translation>Remove from the account</translation>
    </message>
    <message>
        <source>Bara förvaltningschefen ändrar detta.</source>
        <translation>Only the head of administration changes this.</translation>
    </message>
    <message>
        <source>Du kan se vem som administrerar kontona, men bara förvaltningschefen kan ändra det.</source>
        <translation>You can see who administers the accounts, but only the head of administration can change it.</translation>
    </message>
    <message>
        <source>ingen</source>
        <translation>none</translation>
    </message>
    <message>
        <source>(ingen token sparad centralt)</source>
        <translation>(no token stored centrally)</translation>
    </message>
    <message>
        <source> – administrerar kontot</source>
        <translation> – administers the account</translation>
    </message>
    <message>
        <source>%1 administrerar nu %2.</source>
        <translation>%1 now administers %2.</translation>
    </message>
    <message>
        <source>%1 administrerar inte längre %2. Byt gärna kontots lösenord eller token på plattformen.</source>
        <translation>%1 no longer administers %2. Consider changing the account&apos;s password or token on the platform.</translation>
    </message>
</context>
<context>
    <name>ArchiveModel</name>
    <message>
        <source>Senast</source>
        <translation>Latest</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Författare</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Skäl</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Diarienummer</source>
        <translation>Case number</translation>
    </message>
</context>
<context>
    <name>ArchiveView</name>
    <message>
        <source>Sök i text och författare …</source>
        <translation>Search text and author …</translation>
    </message>
    <message>
        <source>Sök i arkivet</source>
        <translation>Search the archive</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Alla konton</source>
        <translation>All accounts</translation>
    </message>
    <message>
        <source>Skäl</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Alla skäl</source>
        <translation>All reasons</translation>
    </message>
    <message>
        <source>Administratör</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Alla administratörer</source>
        <translation>All administrators</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Sparade poster</source>
        <translation>Saved items</translation>
    </message>
    <message>
        <source>Sparad kopia</source>
        <translation>Saved copy</translation>
    </message>
    <message>
        <source>Läget på plattformen</source>
        <translation>State on the platform</translation>
    </message>
    <message>
        <source>Okänt: posten har inte hämtats från plattformen sedan kopian sparades.</source>
        <translation>Unknown: the item has not been fetched from the platform since the copy was saved.</translation>
    </message>
    <message>
        <source>Rådata</source>
        <translation>Raw data</translation>
    </message>
    <message>
        <source>Historik</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Sparad kopia och läget nu</source>
        <translation>Saved copy and the state now</translation>
    </message>
    <message>
        <source>Exportera markerade som bevispaket …</source>
        <translation>Export selected as an evidence package …</translation>
    </message>
    <message>
        <source>Söker …</source>
        <translation>Searching …</translation>
    </message>
    <message>
        <source>%1 poster i arkivet. Arkivet läser bara databasen och fungerar utan nätverk.</source>
        <translation>%1 items in the archive. The archive only reads the database and works without a network.</translation>
    </message>
    <message>
        <source>Sparad kopia (bevis %1, sparad %2 av %3)</source>
        <translation>Saved copy (evidence %1, saved %2 by %3)</translation>
    </message>
    <message>
        <source>Kontrollsumman stämmer (SHA-256 %1).</source>
        <translation>The checksum matches (SHA-256 %1).</translation>
    </message>
    <message>
        <source>VARNING: kopian stämmer inte med sin kontrollsumma (SHA-256 %1).</source>
        <translation>WARNING: the copy does not match its checksum (SHA-256 %1).</translation>
    </message>
    <message>
        <source>Ingen sparad kopia</source>
        <translation>No saved copy</translation>
    </message>
    <message>
        <source>Läget på plattformen (hämtat %1): %2</source>
        <translation>State on the platform (fetched %1): %2</translation>
    </message>
    <message>
        <source>Läget på plattformen: okänt – inte hämtat sedan kopian sparades (%1)</source>
        <translation>State on the platform: unknown – not fetched since the copy was saved (%1)</translation>
    </message>
    <message>
        <source>Spara bevispaketet som</source>
        <translation>Save the evidence package as</translation>
    </message>
    <message>
        <source>ZIP-arkiv (*.zip)</source>
        <translation>ZIP archive (*.zip)</translation>
    </message>
    <message>
        <source>Skapar bevispaket …</source>
        <translation>Creating the evidence package …</translation>
    </message>
    <message>
        <source>Bevispaketet %1 är sparat: %2 poster, %3 bevisfiler.</source>
        <translation>The evidence package %1 is saved: %2 items, %3 evidence files.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Tid</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Vem</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Händelse</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Detaljer</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Händelse</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Administratör</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Alla</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Från och med</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Till och med</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Granskningslogg</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Visa äldre</source>
        <translation>Show older</translation>
    </message>
    <message>
        <source>Kontrollera kedjan</source>
        <translation>Verify the chain</translation>
    </message>
    <message>
        <source>Händelse:</source>
        <translation>Event:</translation>
    </message>
    <message>
        <source>Administratör:</source>
        <translation>Administrator:</translation>
    </message>
    <message>
        <source>Konto:</source>
        <translation>Account:</translation>
    </message>
    <message numerus="yes">
        <source>%n händelser visas</source>
        <translation>
            <numerusform>%n event shown</numerusform>
            <numerusform>%n events shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Kedjan är hel: %1 händelser och %2 beviskopior kontrollerade.</source>
        <translation>The chain is intact: %1 events and %2 evidence copies checked.</translation>
    </message>
    <message>
        <source>Kedjan är bruten: %1</source>
        <translation>The chain is broken: %1</translation>
    </message>
    <message numerus="yes">
        <source>(och %n fel till)</source>
        <translation>
            <numerusform>(and %n more problem)</numerusform>
            <numerusform>(and %n more problems)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ByHandBar</name>
    <message>
        <source>Att göra för hand</source>
        <translation>To do by hand</translation>
    </message>
    <message>
        <source>Öppna länken</source>
        <translation>Open the link</translation>
    </message>
    <message>
        <source>Kopiera texten</source>
        <translation>Copy the text</translation>
    </message>
    <message>
        <source>Bekräfta borttagen</source>
        <translation>Confirm removed</translation>
    </message>
    <message>
        <source>Bekräfta att kommentaren är borttagen för hand</source>
        <translation>Confirm that the comment has been removed by hand</translation>
    </message>
    <message>
        <source>Länk till det publicerade (valfritt)</source>
        <translation>Link to what was posted (optional)</translation>
    </message>
    <message>
        <source>Länk till det publicerade meddelandet</source>
        <translation>Link to the posted message</translation>
    </message>
    <message>
        <source>Markera publicerat</source>
        <translation>Mark as posted</translation>
    </message>
    <message>
        <source>Granska kan inte ta bort kommentaren: ta bort den via länken, bekräfta sedan.</source>
        <translation>Granska cannot remove the comment: remove it through the link, then confirm.</translation>
    </message>
    <message>
        <source>Publicera texten för hand i tråden, markera den sedan publicerad:</source>
        <translation>Post the text by hand in the thread, then mark it as posted:</translation>
    </message>
</context>
<context>
    <name>ByHandView</name>
    <message>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Att göra för hand</source>
        <translation>To do by hand</translation>
    </message>
    <message>
        <source>Det som väntar på en människa: kommentarer att ta bort för hand, meddelanden och svar att publicera för hand, och steg på plattformen eller e-post som misslyckades.</source>
        <translation>What waits for a person: comments to remove by hand, notices and answers to post by hand, and steps on the platform or e-mails that failed.</translation>
    </message>
    <message>
        <source>Att göra</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Sedan</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>Vad och varför</source>
        <translation>What and why</translation>
    </message>
    <message>
        <source>Öppna länken</source>
        <translation>Open the link</translation>
    </message>
    <message>
        <source>Kopiera texten</source>
        <translation>Copy the text</translation>
    </message>
    <message>
        <source>Bekräfta borttagen</source>
        <translation>Confirm removed</translation>
    </message>
    <message>
        <source>Länk till det publicerade (valfritt)</source>
        <translation>Link to what was posted (optional)</translation>
    </message>
    <message>
        <source>Länk till det publicerade meddelandet</source>
        <translation>Link to the posted message</translation>
    </message>
    <message>
        <source>Markera publicerat</source>
        <translation>Mark as posted</translation>
    </message>
    <message>
        <source>Försök igen nu</source>
        <translation>Try again now</translation>
    </message>
    <message>
        <source>Kör alla väntande steg på plattformen och e-post igen (granska retry)</source>
        <translation>Run every waiting platform step and e-mail again (granska retry)</translation>
    </message>
    <message>
        <source>Ta bort för hand</source>
        <translation>Remove by hand</translation>
    </message>
    <message>
        <source>Publicera för hand</source>
        <translation>Post by hand</translation>
    </message>
    <message>
        <source>Misslyckat steg</source>
        <translation>Failed step</translation>
    </message>
    <message>
        <source>Ta bort kommentaren för hand via länken och bekräfta sedan att den är borta.</source>
        <translation>Remove the comment by hand through the link, then confirm that it is gone.</translation>
    </message>
    <message>
        <source>Publicera texten för hand i tråden (kopiera den) och markera den publicerad.</source>
        <translation>Post the text by hand in the thread (copy it), then mark it as posted.</translation>
    </message>
    <message>
        <source>Inget väntar på en människa.</source>
        <translation>Nothing is waiting for a person.</translation>
    </message>
    <message>
        <source>Texten är kopierad: klistra in den i tråden.</source>
        <translation>The text is copied: paste it into the thread.</translation>
    </message>
    <message>
        <source>Försöker igen med väntande steg…</source>
        <translation>Trying the waiting steps again…</translation>
    </message>
    <message>
        <source>Klart.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <source>%d steg klara, %d väntar fortfarande.</source>
        <translation>%d steps done, %d still waiting.</translation>
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <source>Ta skärmdump av %1</source>
        <translation>Take a screenshot of %1</translation>
    </message>
    <message>
        <source>Skärm</source>
        <translation>Screen</translation>
    </message>
    <message>
        <source>Hela skärmen</source>
        <translation>Whole screen</translation>
    </message>
    <message>
        <source>Dra ett område</source>
        <translation>Drag an area</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Öppna kontosidan i webbläsaren först</source>
        <translation>Open the account page in the browser first</translation>
    </message>
    <message>
        <source>(ingen sidadress i kontoregistret)</source>
        <translation>(no page address in the account register)</translation>
    </message>
    <message>
        <source>Sida:</source>
        <translation>Page:</translation>
    </message>
    <message>
        <source>Skärm:</source>
        <translation>Screen:</translation>
    </message>
    <message>
        <source>Nedräkning:</source>
        <translation>Countdown:</translation>
    </message>
    <message>
        <source>Starta</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Granska döljs under nedräkningen. Visa kontosidan i webbläsaren så som den ska dokumenteras.</source>
        <translation>Granska hides during the countdown. Show the account page in the browser the way it is to be documented.</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>Väntar på plattformen: %1</source>
        <translation>Pending on platform: %1</translation>
    </message>
    <message>
        <source>Ingen e-postserver är inställd (Inställningar → E-post); %1 när den är det.</source>
        <translation>No mail server is set up (Settings → E-mail); %1 once it is.</translation>
    </message>
    <message>
        <source>e-posten till chefen skickas</source>
        <translation>the e-mail to the manager is sent</translation>
    </message>
    <message>
        <source>frågan skickas vidare</source>
        <translation>the question is forwarded</translation>
    </message>
    <message>
        <source>Skickat till %1.</source>
        <translation>Sent to %1.</translation>
    </message>
    <message>
        <source>Påminnelsen skickas %1.</source>
        <translation>The reminder is sent %1.</translation>
    </message>
    <message>
        <source>Ingen chef med e-postadress finns i administratörsregistret och ingen kommunikationschef är inställd: kontakta chefen själv.</source>
        <translation>No manager with an e-mail address is in the register of administrators and no head of communications is set: contact the manager yourself.</translation>
    </message>
    <message>
        <source>Facebook svarade inte på listan över sidor (%1).</source>
        <translation>Facebook did not answer with the list of pages (%1).</translation>
    </message>
    <message>
        <source>Facebook lämnade inte ut listan över sidor (%1).</source>
        <translation>Facebook did not hand out the list of pages (%1).</translation>
    </message>
    <message>
        <source>Inloggningen för %1 gäller inte längre (återkallad eller utgången hos %2): logga in igen under Inställningar → Konton.</source>
        <translation>The sign-in for %1 is no longer valid (revoked or expired at %2): sign in again under Settings → Accounts.</translation>
    </message>
    <message>
        <source>svarade inte i tid</source>
        <translation>did not answer in time</translation>
    </message>
    <message>
        <source>gick inte att nå (%1)</source>
        <translation>could not be reached (%1)</translation>
    </message>
    <message>
        <source>skickade ett svar som inte gick att läsa (HTTP %1)</source>
        <translation>sent an answer that could not be read (HTTP %1)</translation>
    </message>
    <message>
        <source>%1 godtar inte kommunens klient för %2%3: kontrollera klient-id (granska accounts edit --client-id) och klienthemligheten (granska credentials client).</source>
        <translation>%1 does not accept the municipality&apos;s client for %2%3: check the client id (granska accounts edit --client-id) and the client secret (granska credentials client).</translation>
    </message>
    <message>
        <source>har ett tillfälligt fel (HTTP %1)%2</source>
        <translation>has a temporary fault (HTTP %1)%2</translation>
    </message>
    <message>
        <source>avvisade inloggningen: %1%2</source>
        <translation>refused the sign-in: %1%2</translation>
    </message>
    <message>
        <source>%1s inloggning %2 för %3.</source>
        <translation>%1&apos;s sign-in %2 for %3.</translation>
    </message>
    <message>
        <source>Token för %1 har gått ut: förnya den under Inställningar → Konton.</source>
        <translation>The token for %1 has expired: renew it under Settings → Accounts.</translation>
    </message>
    <message>
        <source>Token för %1 är ogiltig: förnya den under Inställningar → Konton.</source>
        <translation>The token for %1 is invalid: renew it under Settings → Accounts.</translation>
    </message>
    <message>
        <source>Token för %1 har gått ut eller är ogiltig: förnya den under Inställningar → Konton.</source>
        <translation>The token for %1 has expired or is invalid: renew it under Settings → Accounts.</translation>
    </message>
    <message>
        <source>Token för %1 saknar behörighet för detta%2. Ge den rätt behörigheter och spara den på nytt under Inställningar → Konton.</source>
        <translation>The token for %1 lacks permission for this%2. Give it the right permissions and save it again under Settings → Accounts.</translation>
    </message>
    <message>
        <source>%1 hittar inte det som efterfrågades%2.</source>
        <translation>%1 cannot find what was asked for%2.</translation>
    </message>
    <message>
        <source>%1 begränsar anropen för %2 just nu%3.</source>
        <translation>%1 is limiting the calls for %2 right now%3.</translation>
    </message>
    <message>
        <source>%1 har ett tillfälligt fel för %2%3.</source>
        <translation>%1 has a temporary fault for %2%3.</translation>
    </message>
    <message>
        <source>%1 avvisade anropet för %2: %3</source>
        <translation>%1 refused the call for %2: %3</translation>
    </message>
    <message>
        <source>den är låst av ett annat program (ett annat Granska-fönster eller ett verktyg som har filen öppen); försök igen när det är stängt</source>
        <translation>it is locked by another program (another Granska window or a tool that has the file open); try again when it is closed</translation>
    </message>
    <message>
        <source>den är låst av ett annat program</source>
        <translation>it is locked by another program</translation>
    </message>
    <message>
        <source>den är skrivskyddad (filen eller enheten den ligger på)</source>
        <translation>it is read-only (the file or the drive it is on)</translation>
    </message>
    <message>
        <source>filen kan inte öppnas (finns mappen, och får Granska läsa och skriva där?)</source>
        <translation>the file cannot be opened (does the folder exist, and may Granska read and write there?)</translation>
    </message>
    <message>
        <source>läs- eller skrivfel på disken</source>
        <translation>a read or write error on the disk</translation>
    </message>
    <message>
        <source>en annan session (en kollega eller ett verktyg) håller data låsta för länge; försök igen om en stund</source>
        <translation>another session (a colleague or a tool) holds data locked for too long; try again in a while</translation>
    </message>
    <message>
        <source>två sessioner väntade på varandra (dödläge); försök igen</source>
        <translation>two sessions waited for each other (a deadlock); try again</translation>
    </message>
    <message>
        <source>frågan avbröts av servern</source>
        <translation>the query was cancelled by the server</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Databasen kunde inte läsas eller skrivas: %1. Ingenting har ändrats.</source>
        <translation>The database could not be read or written: %1. Nothing has been changed.</translation>
    </message>
    <message>
        <source>Kan inte använda databasen %1: %2 (%3). Ingenting har ändrats.</source>
        <translation>Cannot use the database %1: %2 (%3). Nothing has been changed.</translation>
    </message>
    <message>
        <source>Du måste vara administratör för kontot och ha kört granska login för att spara dess token i teamdatabasen.</source>
        <translation>You must be an administrator of the account and have run granska login to save its token in the team database.</translation>
    </message>
    <message>
        <source>Du (%1) finns inte i administratörsregistret.</source>
        <translation>You (%1) are not in the register of administrators.</translation>
    </message>
    <message>
        <source>Välj minst en post till bevispaketet.</source>
        <translation>Choose at least one item for the evidence package.</translation>
    </message>
    <message>
        <source>Ett bevispaket kan innehålla högst %1 poster.</source>
        <translation>An evidence package can hold at most %1 items.</translation>
    </message>
    <message>
        <source>Bevispaketet ska sluta på .zip: %1</source>
        <translation>The evidence package must end in .zip: %1</translation>
    </message>
    <message>
        <source>Okänd post: %1</source>
        <translation>Unknown item: %1</translation>
    </message>
    <message>
        <source>Kan inte skriva bevispaketet %1: %2. Ingenting har ändrats.</source>
        <translation>Cannot write the evidence package %1: %2. Nothing has been changed.</translation>
    </message>
    <message>
        <source>%1 är ingen läsbar ZIP-fil (%2).</source>
        <translation>%1 is not a readable ZIP file (%2).</translation>
    </message>
    <message>
        <source>Paketet innehåller samma filnamn flera gånger.</source>
        <translation>The package contains the same file name more than once.</translation>
    </message>
    <message>
        <source>%1 är inget bevispaket från Granska (manifest.json saknas).</source>
        <translation>%1 is not an evidence package from Granska (manifest.json is missing).</translation>
    </message>
    <message>
        <source>manifest.json i %1 går inte att läsa (%2).</source>
        <translation>manifest.json in %1 cannot be read (%2).</translation>
    </message>
    <message>
        <source>manifest.json anger inte formatet granska-bevispaket.</source>
        <translation>manifest.json does not state the format granska-bevispaket.</translation>
    </message>
    <message>
        <source>%1: filen finns inte i manifestet.</source>
        <translation>%1: the file is not in the manifest.</translation>
    </message>
    <message>
        <source>%1: kontrollsumman stämmer inte, filen är ändrad.</source>
        <translation>%1: the checksum does not match, the file has been changed.</translation>
    </message>
    <message>
        <source>%1: storleken stämmer inte med manifestet.</source>
        <translation>%1: the size does not match the manifest.</translation>
    </message>
    <message>
        <source>%1: filen saknas i paketet.</source>
        <translation>%1: the file is missing from the package.</translation>
    </message>
    <message>
        <source>%1: %2 saknas i paketet.</source>
        <translation>%1: %2 is missing from the package.</translation>
    </message>
    <message>
        <source>%1: kontrollsumman stämmer inte med %2.</source>
        <translation>%1: the checksum does not match %2.</translation>
    </message>
    <message>
        <source>%1 saknas.</source>
        <translation>%1 is missing.</translation>
    </message>
    <message>
        <source>%1: beviset stämmer inte med kontrollsumman från när det sparades.</source>
        <translation>%1: the evidence does not match the checksum from when it was saved.</translation>
    </message>
    <message>
        <source>%1: beviset är inte giltig JSON.</source>
        <translation>%1: the evidence is not valid JSON.</translation>
    </message>
    <message>
        <source>%1: sparat offline från den lokala kopian från %2.</source>
        <translation>%1: saved offline from the local copy of %2.</translation>
    </message>
    <message>
        <source>Paketet finns inte i den här databasen; bara paketets egna kontrollsummor har prövats.</source>
        <translation>The package is not in this database; only the package&apos;s own checksums were checked.</translation>
    </message>
    <message>
        <source>manifest.json är inte det som Granska skrev när paketet skapades.</source>
        <translation>manifest.json is not what Granska wrote when the package was made.</translation>
    </message>
    <message>
        <source>Databasen kunde inte läsas: %1</source>
        <translation>The database could not be read: %1</translation>
    </message>
    <message>
        <source>Bevis %1: kontrollsumman skiljer sig från databasens.</source>
        <translation>Evidence %1: the checksum differs from the database&apos;s.</translation>
    </message>
    <message>
        <source>Jämfört med databasen: paketet skapades %1 av %2.</source>
        <translation>Compared with the database: the package was made %1 by %2.</translation>
    </message>
    <message>
        <source>disken är full</source>
        <translation>the disk is full</translation>
    </message>
    <message>
        <source>enheten är skrivskyddad</source>
        <translation>the drive is write-protected</translation>
    </message>
    <message>
        <source>behörighet saknas</source>
        <translation>permission denied</translation>
    </message>
    <message>
        <source>sökvägen eller filnamnet är för långt</source>
        <translation>the path or file name is too long</translation>
    </message>
    <message>
        <source>filen eller enheten används just nu</source>
        <translation>the file or device is busy</translation>
    </message>
    <message>
        <source>nätverksenheten går inte att nå</source>
        <translation>the network drive cannot be reached</translation>
    </message>
    <message>
        <source>systemfel %1 (%2)</source>
        <translation>system error %1 (%2)</translation>
    </message>
    <message>
        <source>Kan inte skriva exportfilen %1: %2. Ingenting har ändrats.</source>
        <translation>Cannot write the export file %1: %2. Nothing has been changed.</translation>
    </message>
    <message>
        <source>Internt fel i Granska: %1</source>
        <translation>Internal error in Granska: %1</translation>
    </message>
    <message>
        <source>Publicerat för hand av %1.</source>
        <translation>Published by hand by %1.</translation>
    </message>
    <message>
        <source>Kontot har ingen koppling till plattformen: ta bort kommentaren för hand via länken och bekräfta sedan i Granska.</source>
        <translation>The account has no connection to the platform: remove the comment by hand via the link and then confirm in Granska.</translation>
    </message>
    <message>
        <source>Plattformen låter inte Granska dölja eller radera kommentaren: ta bort den för hand och bekräfta sedan i Granska.</source>
        <translation>The platform does not let Granska hide or delete the comment: remove it by hand and then confirm in Granska.</translation>
    </message>
    <message>
        <source>Mappen %1 finns inte.</source>
        <translation>The folder %1 does not exist.</translation>
    </message>
    <message>
        <source>%1 är en mapp, inte en fil.</source>
        <translation>%1 is a folder, not a file.</translation>
    </message>
    <message>
        <source>Filen %1 finns redan. Välj ett annat namn eller ange --overwrite.</source>
        <translation>The file %1 already exists. Choose another name or give --overwrite.</translation>
    </message>
    <message>
        <source>Kan inte skriva i %1: %2</source>
        <translation>Cannot write in %1: %2</translation>
    </message>
    <message>
        <source>Kan inte spara %1: filen är öppen i ett annat program (till exempel Excel) eller låst av ett antivirusprogram. Stäng filen och försök igen, eller välj ett annat filnamn.</source>
        <translation>Cannot save %1: the file is open in another program (for example Excel) or locked by an antivirus program. Close the file and try again, or choose another file name.</translation>
    </message>
    <message>
        <source>Kan inte spara %1: %2</source>
        <translation>Cannot save %1: %2</translation>
    </message>
    <message>
        <source>angivet för hand (%1 händelser)</source>
        <translation>given by hand (%1 events)</translation>
    </message>
    <message>
        <source>angiven SHA-256</source>
        <translation>a given SHA-256</translation>
    </message>
    <message>
        <source>%1 är varken ett logghuvud (N:SHA-256) eller en fil som finns.</source>
        <translation>%1 is neither a log head (N:SHA-256) nor a file that exists.</translation>
    </message>
    <message>
        <source>Kan inte läsa %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1 innehåller inget logghuvud från Granska (%2 …).</source>
        <translation>%1 contains no log head from Granska (%2 …).</translation>
    </message>
    <message>
        <source>filen %1</source>
        <translation>the file %1</translation>
    </message>
    <message>
        <source>Ingen mottagare: ange --to, eller kommunikationschefens adress under Inställningar → E-post.</source>
        <translation>No recipient: give --to, or the head of communications&apos; address under Settings → E-mail.</translation>
    </message>
    <message>
        <source>Perioden slutar (%1) före den börjar (%2).</source>
        <translation>The period ends (%1) before it starts (%2).</translation>
    </message>
    <message>
        <source>Rad %1: %2 är ingen giltig post (ett ord eller en fras; * sist betyder början av ord, = först betyder exakt den formen).</source>
        <translation>Line %1: %2 is not a valid entry (a word or a phrase; * at the end means the start of a word, = first means exactly that form).</translation>
    </message>
    <message>
        <source>Okänd ordlista %1.</source>
        <translation>Unknown word list %1.</translation>
    </message>
    <message>
        <source>%1 rad %2 (%3): %4</source>
        <translation>%1 row %2 (%3): %4</translation>
    </message>
    <message>
        <source>%1 rad %2 (utan Rad-id): %3</source>
        <translation>%1 row %2 (no Rad-id): %3</translation>
    </message>
    <message>
        <source>cellen tolkades som datum eller sanningsvärde, inte som text; formatera kolumnen som text och skriv numret igen</source>
        <translation>the cell was read as a date or a true/false value, not as text; format the column as text and type the number again</translation>
    </message>
    <message>
        <source>diarienumret innehåller styrtecken</source>
        <translation>the case number contains control characters</translation>
    </message>
    <message>
        <source>diarienumret är längre än %1 tecken</source>
        <translation>the case number is longer than %1 characters</translation>
    </message>
    <message>
        <source>Rad-id saknas eller är ändrat</source>
        <translation>the Rad-id is missing or changed</translation>
    </message>
    <message>
        <source>samma rad har två olika diarienummer: %1 (rad %2) och %3</source>
        <translation>the same row has two different case numbers: %1 (row %2) and %3</translation>
    </message>
    <message>
        <source>Rad-id finns inte i någon export från Granska</source>
        <translation>the Rad-id is in no export from Granska</translation>
    </message>
    <message>
        <source>borttagningen är ännu inte diarieförd i Granska</source>
        <translation>the removal is not yet registered in Granska</translation>
    </message>
    <message>
        <source>Granska har redan diarienummer %1; filen säger %2. Rätta det i Granska eller i filen.</source>
        <translation>Granska already has the case number %1; the file says %2. Correct it in Granska or in the file.</translation>
    </message>
    <message>
        <source>Borttagning på plattformen</source>
        <translation>Removal on the platform</translation>
    </message>
    <message>
        <source>Meddelande i tråden</source>
        <translation>Notice in the thread</translation>
    </message>
    <message>
        <source>Vidarebefordran med e-post</source>
        <translation>Forwarding by e-mail</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>väntar</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>Ta bort kommentaren för hand via länken och bekräfta sedan att den är borta.</source>
        <translation>Remove the comment by hand through the link, then confirm that it is gone.</translation>
    </message>
    <message>
        <source>Publicera svaret för hand i tråden (texten finns att kopiera) och markera det publicerat.</source>
        <translation>Post the answer by hand in the thread (the text is there to copy) and mark it posted.</translation>
    </message>
    <message>
        <source>Publicera meddelandet för hand i tråden (texten finns att kopiera) och markera det publicerat.</source>
        <translation>Post the notice by hand in the thread (the text is there to copy) and mark it posted.</translation>
    </message>
    <message>
        <source>Okänt konto %1.</source>
        <translation>Unknown account %1.</translation>
    </message>
    <message>
        <source>Kontot %1 (%2) hämtas inte från någon plattform; importera dess poster med granska import.</source>
        <translation>The account %1 (%2) is not fetched from any platform; import its items with granska import.</translation>
    </message>
    <message>
        <source>%1: väntar till %2 innan nästa hämtning (%3)</source>
        <translation>%1: waiting until %2 before the next fetch (%3)</translation>
    </message>
    <message>
        <source>Ingen token är sparad för %1 (%2): lägg till den under Inställningar → Konton.</source>
        <translation>No token is saved for %1 (%2): add it under Settings → Accounts.</translation>
    </message>
    <message>
        <source>Hämtningen för %1 avbröts; det som hunnit hämtas är sparat.</source>
        <translation>Fetching for %1 was cancelled; what had arrived is saved.</translation>
    </message>
    <message>
        <source>%1: %2 nya, %3 uppdaterade (%4 med ändrad text), %5 raderade av författaren.</source>
        <translation>%1: %2 new, %3 updated (%4 with changed text), %5 deleted by their authors.</translation>
    </message>
    <message>
        <source>%1 %2 nya och %3 uppdaterade poster hann sparas.</source>
        <translation>%1 %2 new and %3 updated items were saved before that.</translation>
    </message>
    <message>
        <source>Bevakningen måste sluta senare på dagen än den börjar.</source>
        <translation>The watched hours must end later in the day than they start.</translation>
    </message>
    <message>
        <source>Ange minst en veckodag för bevakningen.</source>
        <translation>Give at least one weekday for the watched hours.</translation>
    </message>
    <message>
        <source>Svarstiden måste vara större än noll timmar.</source>
        <translation>The response time must be more than zero hours.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2 (ej helgdagar)</source>
        <translation>%1 %2 (not public holidays)</translation>
    </message>
    <message>
        <source>%1, svar inom %2 under bevakningstid</source>
        <translation>%1, an answer within %2 of watched time</translation>
    </message>
    <message>
        <source>%1 timme</source>
        <translation>%1 hour</translation>
    </message>
    <message>
        <source>%1 timmar</source>
        <translation>%1 hours</translation>
    </message>
    <message>
        <source>vardagar</source>
        <translation>weekdays</translation>
    </message>
    <message>
        <source>alla dagar</source>
        <translation>every day</translation>
    </message>
    <message>
        <source>mån</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>tis</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>ons</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>tor</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>fre</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>lör</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>sön</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>Okänd veckodag %1: skriv t.ex. 1-5, vardagar eller mån,ons,fre.</source>
        <translation>Unknown weekday %1: write e.g. 1-5, weekdays or 135.</translation>
    </message>
    <message>
        <source>Okänd tid %1: skriv t.ex. 8, 08:00 eller 16.30.</source>
        <translation>Unknown time %1: write e.g. 8, 08:00 or 16.30.</translation>
    </message>
    <message>
        <source>Okänd tid %1.</source>
        <translation>Unknown time %1.</translation>
    </message>
    <message>
        <source>Okända bevakningstider %1: skriv t.ex. 8-17 eller 08:00-16:30.</source>
        <translation>Unknown watched hours %1: write e.g. 8-17 or 08:00-16:30.</translation>
    </message>
    <message>
        <source>Skriv in texten som posten innehöll.</source>
        <translation>Type in the text the item contained.</translation>
    </message>
    <message>
        <source>Texten innehåller ett NUL-tecken (U+0000), som inte kan lagras.</source>
        <translation>The text contains a NUL character (U+0000), which cannot be stored.</translation>
    </message>
    <message>
        <source>Länken</source>
        <translation>The link</translation>
    </message>
    <message>
        <source>Tidpunkten saknar tidszon.</source>
        <translation>The time has no time zone.</translation>
    </message>
    <message>
        <source>Tidpunkten ligger i framtiden.</source>
        <translation>The time is in the future.</translation>
    </message>
    <message>
        <source>Kontot %1 (%2) hämtas inte från någon plattform och behöver ingen token.</source>
        <translation>The account %1 (%2) is not fetched from any platform and needs no token.</translation>
    </message>
    <message>
        <source>Token är tom: klistra in den token som plattformen gav.</source>
        <translation>The token is empty: paste the token the platform gave you.</translation>
    </message>
    <message>
        <source>Token innehåller mellanslag eller radbrytningar; kontrollera att hela token och inget annat klistrades in.</source>
        <translation>The token contains spaces or line breaks; check that the whole token and nothing else was pasted.</translation>
    </message>
    <message>
        <source>Den nya token fungerade inte: %1 Den tidigare token är kvar.</source>
        <translation>The new token did not work: %1 The previous token is kept.</translation>
    </message>
    <message>
        <source>Ingen plattform att hämta från (import eller manuell inmatning).</source>
        <translation>No platform to fetch from (import or manual entry).</translation>
    </message>
    <message>
        <source>Klienthemligheten är sparad; logga in hos plattformen.</source>
        <translation>The client secret is saved; sign in with the platform.</translation>
    </message>
    <message>
        <source>Token finns i nyckelringen.</source>
        <translation>The token is in the keyring.</translation>
    </message>
    <message>
        <source>Token saknas i nyckelringen (borttagen utanför Granska?); spara den på nytt.</source>
        <translation>The token is missing from the keyring (removed outside Granska?); save it again.</translation>
    </message>
    <message>
        <source>Ingen token är sparad.</source>
        <translation>No token is saved.</translation>
    </message>
    <message>
        <source>Ingen token är sparad för %1 (%2).</source>
        <translation>No token is saved for %1 (%2).</translation>
    </message>
    <message>
        <source>Klienthemligheten är tom eller innehåller mellanslag; inget ändrades.</source>
        <translation>The client secret is empty or contains spaces; nothing was changed.</translation>
    </message>
    <message>
        <source>%1 har ingen inloggning från skrivbordet i Granska; spara en token med granska credentials set %2.</source>
        <translation>%1 has no desktop sign-in in Granska; save a token with granska credentials set %2.</translation>
    </message>
    <message>
        <source>Kontot %1 saknar klient-id: registrera kommunens egen app hos %2 (se README, Plattformarna) och ange id:t med granska accounts edit %1 --client-id ID.</source>
        <translation>The account %1 has no client id: register the municipality&apos;s own app with %2 (see the README, Platforms) and give its id with granska accounts edit %1 --client-id ID.</translation>
    </message>
    <message>
        <source>%1 kräver appens hemlighet: spara den först med granska credentials client %2 (läses från standard in).</source>
        <translation>%1 needs the app&apos;s secret: save it first with granska credentials client %2 (read from standard input).</translation>
    </message>
    <message>
        <source>Inloggad hos plattformen för %1 (sidan %2); token är sparad.</source>
        <translation>Signed in with the platform for %1 (the page %2); the token is saved.</translation>
    </message>
    <message>
        <source>Inloggad hos plattformen för %1; token är sparad.</source>
        <translation>Signed in with the platform for %1; the token is saved.</translation>
    </message>
    <message>
        <source>inga</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Hittade ingen sida att spara token för (%1); sidor du administrerar: %2. Ange sidans id med --page ID (eller kontots --external-id); inget sparades.</source>
        <translation>Found no page to save a token for (%1); pages you administer: %2. Give the page&apos;s id with --page ID (or the account&apos;s --external-id); nothing was saved.</translation>
    </message>
    <message>
        <source>Granska kunde inte ta emot inloggningen på 127.0.0.1:%1 (%2); porten används kanske av ett annat program.</source>
        <translation>Granska could not receive the sign-in on 127.0.0.1:%1 (%2); another program may be using the port.</translation>
    </message>
    <message>
        <source>Inloggningen avbröts; inget sparades.</source>
        <translation>The sign-in was cancelled; nothing was saved.</translation>
    </message>
    <message>
        <source>Ingen inloggning kom tillbaka från webbläsaren inom %1 sekunder; inget sparades. Kör kommandot igen och logga in i webbläsaren medan det väntar.</source>
        <translation>No sign-in came back from the browser within %1 seconds; nothing was saved. Try again and sign in in the browser while Granska waits.</translation>
    </message>
    <message>
        <source>Svaret till inloggningen hörde inte till den här inloggningen (state stämmer inte) och avvisades; inget sparades. Försök igen.</source>
        <translation>The answer to the sign-in did not belong to this sign-in (the state does not match) and was refused; nothing was saved. Try again.</translation>
    </message>
    <message>
        <source>Plattformen avbröt inloggningen (%1); inget sparades.</source>
        <translation>The platform cancelled the sign-in (%1); nothing was saved.</translation>
    </message>
    <message>
        <source>Plattformen skickade ingen kod tillbaka; inget sparades.</source>
        <translation>The platform sent no code back; nothing was saved.</translation>
    </message>
    <message>
        <source>dölja</source>
        <translation>hide</translation>
    </message>
    <message>
        <source>radera</source>
        <translation>delete</translation>
    </message>
    <message>
        <source>svara</source>
        <translation>reply</translation>
    </message>
    <message>
        <source>Ingen inloggning är sparad: logga in under Inställningar → Konton.</source>
        <translation>No sign-in is saved: sign in under Settings → Accounts.</translation>
    </message>
    <message>
        <source>Åtkomsten gick ut %1: logga in igen under Inställningar → Konton.</source>
        <translation>The access ended %1: sign in again under Settings → Accounts.</translation>
    </message>
    <message>
        <source>Google-projektet står i läget Testing: inloggningen upphör %1 (efter 7 dagar). Publicera projektet (In production) i Google Cloud Console och logga in igen.</source>
        <translation>The Google project is in Testing mode: the sign-in ends %1 (after 7 days). Publish the project (In production) in the Google Cloud Console and sign in again.</translation>
    </message>
    <message>
        <source>Åtkomsten går ut %1: logga in igen under Inställningar → Konton före dess.</source>
        <translation>The access ends %1: sign in again under Settings → Accounts before then.</translation>
    </message>
    <message>
        <source>Inloggningen saknar behörighet att %1: logga in igen och godkänn alla behörigheter.</source>
        <translation>The sign-in lacks permission to %1: sign in again and grant every permission.</translation>
    </message>
    <message>
        <source>administratör</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>registrator</source>
        <translation>registrar</translation>
    </message>
    <message>
        <source>kommunikationschef</source>
        <translation>head of communications</translation>
    </message>
    <message>
        <source>förvaltningschef</source>
        <translation>head of administration</translation>
    </message>
    <message>
        <source>databasens ägare</source>
        <translation>database owner</translation>
    </message>
    <message>
        <source>besluta om poster på kontot</source>
        <translation>decide on items on the account</translation>
    </message>
    <message>
        <source>sätta diarienummer på poster på kontot</source>
        <translation>set case numbers on items on the account</translation>
    </message>
    <message>
        <source>exportera diarieförda poster</source>
        <translation>export registered items</translation>
    </message>
    <message>
        <source>lägga till, ändra eller avaktivera administratörer</source>
        <translation>add, change or deactivate administrators</translation>
    </message>
    <message>
        <source>ändra vem som administrerar ett konto</source>
        <translation>change who administers an account</translation>
    </message>
    <message>
        <source>lägga till konton i kontoregistret</source>
        <translation>add accounts to the account register</translation>
    </message>
    <message>
        <source>ta, arkivera eller skicka skärmdumpar av kontot</source>
        <translation>take, file or send screenshots of the account</translation>
    </message>
    <message>
        <source>läsa statistiken</source>
        <translation>read the statistics</translation>
    </message>
    <message>
        <source>ändra kontoregistrets texter och konton</source>
        <translation>change the account register&apos;s texts and accounts</translation>
    </message>
    <message>
        <source>ändra Granskas gemensamma inställningar</source>
        <translation>change Granska&apos;s shared settings</translation>
    </message>
    <message>
        <source>läsa poster och bevis på kontot</source>
        <translation>read items and evidence on the account</translation>
    </message>
    <message>
        <source>Okänd roll %1: välj bland %2.</source>
        <translation>Unknown role %1: choose from %2.</translation>
    </message>
    <message>
        <source>Du (%1) finns inte i administratörsregistret och får inte %2.</source>
        <translation>You (%1) are not in the administrators&apos; register and may not %2.</translation>
    </message>
    <message>
        <source>ingen roll</source>
        <translation>no role</translation>
    </message>
    <message>
        <source>Du (%1, %2) får inte %3.</source>
        <translation>You (%1, %2) may not %3.</translation>
    </message>
    <message>
        <source>%1 administrerar inte kontot %2 och kan inte ta över posten.</source>
        <translation>%1 does not administer the account %2 and cannot take over the item.</translation>
    </message>
    <message>
        <source>borttagen</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>godkänd</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>besvarad</source>
        <translation>answered</translation>
    </message>
    <message>
        <source>vidarebefordrad</source>
        <translation>forwarded</translation>
    </message>
    <message>
        <source>överlämnad</source>
        <translation>handed over</translation>
    </message>
    <message>
        <source>diarieförd</source>
        <translation>registered</translation>
    </message>
    <message>
        <source>meddelad</source>
        <translation>notified</translation>
    </message>
    <message>
        <source>väntar på plattformen</source>
        <translation>waiting for the platform</translation>
    </message>
    <message>
        <source>ska tas bort för hand</source>
        <translation>to be removed by hand</translation>
    </message>
    <message>
        <source>besvarad, men svaret är inte publicerat än</source>
        <translation>answered, but the answer is not published yet</translation>
    </message>
    <message>
        <source>gallrad</source>
        <translation>weeded</translation>
    </message>
    <message>
        <source>raderad av skribenten</source>
        <translation>deleted by its author</translation>
    </message>
    <message>
        <source>kommunens eget inlägg (sammanhang, inget att besluta om)</source>
        <translation>the municipality&apos;s own post (context, nothing to decide)</translation>
    </message>
    <message>
        <source>Redan avgjord av %1 %2 (%3).</source>
        <translation>Already decided by %1 %2 (%3).</translation>
    </message>
    <message>
        <source>Post %1 kan inte beslutas nu: den är %2.</source>
        <translation>Item %1 cannot be decided now: it is %2.</translation>
    </message>
    <message>
        <source>Post %1 är gallrad; inget finns kvar att besluta om.</source>
        <translation>Item %1 is weeded; nothing is left to decide on.</translation>
    </message>
    <message>
        <source>köat</source>
        <translation>queued</translation>
    </message>
    <message>
        <source>publicerat</source>
        <translation>published</translation>
    </message>
    <message>
        <source>ska publiceras för hand</source>
        <translation>to be posted by hand</translation>
    </message>
    <message>
        <source>misslyckades</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>Svar beslutat</source>
        <translation>Answer decided</translation>
    </message>
    <message>
        <source>Borttagning beslutad</source>
        <translation>Removal decided</translation>
    </message>
    <message>
        <source>Godkänd</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Vidarebefordrad</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <source>Överlämnad</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>Diarieförd</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Meddelad</source>
        <translation>Notified</translation>
    </message>
    <message>
        <source>Vidarebefordrad med e-post</source>
        <translation>Forwarded by e-mail</translation>
    </message>
    <message>
        <source>Påminnelse om svar</source>
        <translation>Reminder to answer</translation>
    </message>
    <message>
        <source>väntar på att skickas</source>
        <translation>waiting to be sent</translation>
    </message>
    <message>
        <source>skickad</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>ingen mottagare</source>
        <translation>no recipient</translation>
    </message>
    <message>
        <source>behövdes inte (frågan är avgjord)</source>
        <translation>not needed (the question is settled)</translation>
    </message>
    <message>
        <source>Beviskopia sparad (SHA-256 %1…)</source>
        <translation>Evidence copy saved (SHA-256 %1…)</translation>
    </message>
    <message>
        <source>%1 (till %2)</source>
        <translation>%1 (to %2)</translation>
    </message>
    <message>
        <source>Borttaget material</source>
        <translation>Removed material</translation>
    </message>
    <message>
        <source>ännu inget diarienummer</source>
        <translation>no case number yet</translation>
    </message>
    <message>
        <source>Diarieförd: %1 (%2)</source>
        <translation>Registered: %1 (%2)</translation>
    </message>
    <message>
        <source>Svar</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Meddelande</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <source>E-post till chef</source>
        <translation>E-mail to manager</translation>
    </message>
    <message>
        <source>Personangrepp eller förolämpning</source>
        <translation>Personal attack or insult</translation>
    </message>
    <message>
        <source>Svordomar eller obscena ord</source>
        <translation>Profanity or obscene words</translation>
    </message>
    <message>
        <source>Reklam eller kommersiellt budskap</source>
        <translation>Advertising or commercial message</translation>
    </message>
    <message>
        <source>Hets mot folkgrupp</source>
        <translation>Incitement against a group</translation>
    </message>
    <message>
        <source>Intrång i upphovsrätt</source>
        <translation>Copyright infringement</translation>
    </message>
    <message>
        <source>Våldsskildring eller pornografi</source>
        <translation>Depiction of violence or pornography</translation>
    </message>
    <message>
        <source>Uppmaning till brott eller hot</source>
        <translation>Incitement to crime or threat</translation>
    </message>
    <message>
        <source>Sekretessbelagda uppgifter eller personuppgifter</source>
        <translation>Confidential information or personal data</translation>
    </message>
    <message>
        <source>Förtal</source>
        <translation>Defamation</translation>
    </message>
    <message>
        <source>Sexistiskt yttrande</source>
        <translation>Sexist statement</translation>
    </message>
    <message>
        <source>Trakasserier</source>
        <translation>Harassment</translation>
    </message>
    <message>
        <source>Annat som strider mot lag</source>
        <translation>Other unlawful content</translation>
    </message>
    <message>
        <source>Leder till åtgärd</source>
        <translation>Leads to action</translation>
    </message>
    <message>
        <source>Något kommunen måste handlägga, ta ställning till eller besluta.</source>
        <translation>Something the municipality must handle, take a position on or decide.</translation>
    </message>
    <message>
        <source>Bedöms bli ett ärende</source>
        <translation>Expected to become a case</translation>
    </message>
    <message>
        <source>Inlägget bedöms bli ett ärende i diariet.</source>
        <translation>The item is expected to become a case in the register.</translation>
    </message>
    <message>
        <source>Rör ett befintligt ärende</source>
        <translation>Concerns an existing case</translation>
    </message>
    <message>
        <source>Kan ha relevans för ett ärende som redan finns i diariet.</source>
        <translation>May be relevant to a case already in the register.</translation>
    </message>
    <message>
        <source>Av särskilt intresse</source>
        <translation>Of special interest</translation>
    </message>
    <message>
        <source>Inlägget anses vara av särskilt intresse.</source>
        <translation>The item is considered of special interest.</translation>
    </message>
    <message>
        <source>Innehåller sekretess</source>
        <translation>Contains confidential information</translation>
    </message>
    <message>
        <source>Inlägget innehåller sekretessbelagda uppgifter.</source>
        <translation>The item contains confidential information.</translation>
    </message>
    <message>
        <source>Inlägg och kommentarer av ringa eller tillfällig betydelse diarieförs inte, t.ex. en enkel fråga som får ett svar eller inlägg som ligger utanför kommunens ansvar. De gallras fortlöpande.</source>
        <translation>Posts and comments of minor or passing importance are not registered, e.g. a simple question that gets an answer, or posts outside the municipality&apos;s responsibility. They are weeded continuously.</translation>
    </message>
    <message>
        <source>Diarienummer satt</source>
        <translation>Case number set</translation>
    </message>
    <message>
        <source>Besvarad</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>Överlämnad (jäv)</source>
        <translation>Handed over (conflict of interest)</translation>
    </message>
    <message>
        <source>Meddelande köat</source>
        <translation>Notice queued</translation>
    </message>
    <message>
        <source>Borttagen på plattformen</source>
        <translation>Removed on the platform</translation>
    </message>
    <message>
        <source>Plattformen svarade med fel</source>
        <translation>The platform answered with an error</translation>
    </message>
    <message>
        <source>E-posten kunde inte skickas</source>
        <translation>The e-mail could not be sent</translation>
    </message>
    <message>
        <source>Ska tas bort för hand</source>
        <translation>To be removed by hand</translation>
    </message>
    <message>
        <source>Bekräftad borttagen för hand</source>
        <translation>Confirmed removed by hand</translation>
    </message>
    <message>
        <source>Meddelande publicerat</source>
        <translation>Notice posted</translation>
    </message>
    <message>
        <source>Meddelande ska publiceras för hand</source>
        <translation>Notice to be posted by hand</translation>
    </message>
    <message>
        <source>E-post till chef skickad</source>
        <translation>E-mail to manager sent</translation>
    </message>
    <message>
        <source>Eskalering köad</source>
        <translation>Escalation queued</translation>
    </message>
    <message>
        <source>E-post till chef misslyckades</source>
        <translation>E-mail to manager failed</translation>
    </message>
    <message>
        <source>Vidarebefordrad fråga skickad med e-post</source>
        <translation>Forwarded question sent by e-mail</translation>
    </message>
    <message>
        <source>Påminnelse om svar schemalagd</source>
        <translation>Reminder to answer scheduled</translation>
    </message>
    <message>
        <source>Påminnelse om svar skickad</source>
        <translation>Reminder to answer sent</translation>
    </message>
    <message>
        <source>Påminnelse behövdes inte</source>
        <translation>Reminder not needed</translation>
    </message>
    <message>
        <source>Avbrutet steg återupptaget</source>
        <translation>Interrupted step resumed</translation>
    </message>
    <message>
        <source>Gallring</source>
        <translation>Weeding</translation>
    </message>
    <message>
        <source>Ordlista ändrad</source>
        <translation>Word list changed</translation>
    </message>
    <message>
        <source>Poster förseglade i loggen (uppgradering)</source>
        <translation>Records sealed in the log (upgrade)</translation>
    </message>
    <message>
        <source>Raderad eller återställd av skribenten</source>
        <translation>Deleted or restored by the author</translation>
    </message>
    <message>
        <source>Skärmdump sparad</source>
        <translation>Screenshot saved</translation>
    </message>
    <message>
        <source>Skärmdump skickad</source>
        <translation>Screenshot sent</translation>
    </message>
    <message>
        <source>Konto tillagt</source>
        <translation>Account added</translation>
    </message>
    <message>
        <source>Konto ändrat</source>
        <translation>Account changed</translation>
    </message>
    <message>
        <source>Administratör tillagd</source>
        <translation>Administrator added</translation>
    </message>
    <message>
        <source>Administratör ändrad</source>
        <translation>Administrator changed</translation>
    </message>
    <message>
        <source>Administratör kopplad till konto</source>
        <translation>Administrator assigned to account</translation>
    </message>
    <message>
        <source>Administratör borttagen från konto</source>
        <translation>Administrator removed from account</translation>
    </message>
    <message>
        <source>Roller ändrade</source>
        <translation>Roles changed</translation>
    </message>
    <message>
        <source>Administratör avaktiverad</source>
        <translation>Administrator deactivated</translation>
    </message>
    <message>
        <source>Nekad: rollen tillåter inte åtgärden</source>
        <translation>Refused: the role does not allow the action</translation>
    </message>
    <message>
        <source>alla skärmar</source>
        <translation>all screens</translation>
    </message>
    <message>
        <source>skärm %1</source>
        <translation>screen %1</translation>
    </message>
    <message>
        <source>%1: %2 vid (%3, %4)</source>
        <translation>%1: %2 at (%3, %4)</translation>
    </message>
    <message>
        <source>okänd användare (%1)</source>
        <translation>unknown user (%1)</translation>
    </message>
    <message>
        <source>Redan diarieförd av %1 %2.</source>
        <translation>Already registered by %1 %2.</translation>
    </message>
    <message>
        <source>Dold på plattformen.</source>
        <translation>Hidden on the platform.</translation>
    </message>
    <message>
        <source>Raderad på plattformen.</source>
        <translation>Deleted on the platform.</translation>
    </message>
    <message>
        <source>Kommentaren fanns inte längre på plattformen.</source>
        <translation>The comment was no longer on the platform.</translation>
    </message>
    <message>
        <source>Ska tas bort för hand.</source>
        <translation>To be removed by hand.</translation>
    </message>
    <message>
        <source>Skärm %1 finns inte; välj 1–%2 (0 = alla skärmar).</source>
        <translation>Screen %1 does not exist; choose 1–%2 (0 = all screens).</translation>
    </message>
    <message>
        <source>Det finns ingen post med id %1 (se granska queue --json).</source>
        <translation>There is no item with id %1 (see granska queue --json).</translation>
    </message>
    <message>
        <source>Du har lämnat över post %1 till %2 på grund av jäv och kan inte besluta om den.</source>
        <translation>You handed item %1 over to %2 because of a conflict of interest and cannot decide on it.</translation>
    </message>
    <message>
        <source>Skriv ett svar.</source>
        <translation>Write an answer.</translation>
    </message>
    <message>
        <source>Ange varför du lämnar över (t.ex. privat intresse i frågan).</source>
        <translation>Say why you hand over (e.g. a private interest in the matter).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; är ingen aktiv administratör.</source>
        <translation>&apos;%1&apos; is not an active administrator.</translation>
    </message>
    <message>
        <source>Du kan inte lämna över till dig själv.</source>
        <translation>You cannot hand over to yourself.</translation>
    </message>
    <message>
        <source>Välj chef eller kommunikationschef som mottagare.</source>
        <translation>Choose the manager or the head of communications as recipient.</translation>
    </message>
    <message>
        <source>Ange en e-postadress att vidarebefordra till (t.ex. bygg@kommun.se), inte &apos;%1&apos;.</source>
        <translation>Give an e-mail address to forward to (e.g. bygg@kommun.se), not &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Ange vilket meddelande som ska publiceras (--template), en av: %1.</source>
        <translation>Say which message to publish (--template), one of: %1.</translation>
    </message>
    <message>
        <source>Post %1 är inte borttagen: ett meddelande om borttagning vore fel. Välj ett svar i stället.</source>
        <translation>Item %1 is not removed: a removal notice would be wrong. Choose an answer instead.</translation>
    </message>
    <message>
        <source>Okänd mall &apos;%1&apos;; välj en av: %2.</source>
        <translation>Unknown template &apos;%1&apos;; choose one of: %2.</translation>
    </message>
    <message>
        <source>Samma meddelande är redan publicerat (%1).</source>
        <translation>The same message is already published (%1).</translation>
    </message>
    <message>
        <source>Samma meddelande är redan publicerat.</source>
        <translation>The same message is already published.</translation>
    </message>
    <message>
        <source>Inget meddelande för post %1 väntar på att publiceras.</source>
        <translation>No message for item %1 is waiting to be published.</translation>
    </message>
    <message>
        <source>Ogiltigt diarienummer &apos;%1&apos;: skriv det som i diariet, t.ex. KS/2026:123.</source>
        <translation>Invalid case number &apos;%1&apos;: write it as in the register, e.g. KS/2026:123.</translation>
    </message>
    <message>
        <source>Okänt kriterium &apos;%1&apos;; välj ett av: %2.</source>
        <translation>Unknown criterion &apos;%1&apos;; choose one of: %2.</translation>
    </message>
    <message>
        <source>Kriteriet &apos;%1&apos; (%2) kräver det befintliga ärendets diarienummer (--dnr).</source>
        <translation>The criterion &apos;%1&apos; (%2) needs the existing case&apos;s number (--dnr).</translation>
    </message>
    <message>
        <source>Ange ett diarienummer.</source>
        <translation>Give a case number.</translation>
    </message>
    <message>
        <source>Post %1 är inte diarieförd. Diarieför den först (granska register ID --criterion ...).</source>
        <translation>Item %1 is not registered. Register it first (granska register ID --criterion ...).</translation>
    </message>
    <message>
        <source>Borttagen för hand, bekräftat av %1.</source>
        <translation>Removed by hand, confirmed by %1.</translation>
    </message>
    <message>
        <source>Okänt skäl &apos;%1&apos;; välj ett av: %2.</source>
        <translation>Unknown reason &apos;%1&apos;; choose one of: %2.</translation>
    </message>
    <message>
        <source>Okänt sätt &apos;%1&apos;: välj hide (dölj) eller delete (radera).</source>
        <translation>Unknown way &apos;%1&apos;: choose hide or delete.</translation>
    </message>
    <message>
        <source>Post %1 väntar inte på att tas bort för hand.</source>
        <translation>Item %1 is not waiting to be removed by hand.</translation>
    </message>
    <message>
        <source>Bevis sparat (SHA-256 %1…)</source>
        <translation>Evidence saved (SHA-256 %1…)</translation>
    </message>
    <message>
        <source>Beslut: %1.</source>
        <translation>Decision: %1.</translation>
    </message>
    <message>
        <source>diarienummer saknas</source>
        <translation>no case number</translation>
    </message>
    <message>
        <source>Diarieförd (%1, %2).</source>
        <translation>Registered (%1, %2).</translation>
    </message>
    <message>
        <source>Meddelande (%1): %2</source>
        <translation>Notice (%1): %2</translation>
    </message>
    <message>
        <source>%1 måste vara en http- eller https-adress: &apos;%2&apos;</source>
        <translation>%1 must be an http or https address: &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1 är ingen mapp.</source>
        <translation>%1 is not a folder.</translation>
    </message>
    <message>
        <source>API-adressen</source>
        <translation>The API address</translation>
    </message>
    <message>
        <source>Användarnamnet &apos;%1&apos; finns redan.</source>
        <translation>The user name &apos;%1&apos; already exists.</translation>
    </message>
    <message>
        <source>Det finns redan ett konto med nyckeln &apos;%1&apos;.</source>
        <translation>There is already an account with the key &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>En administratör behöver både användarnamn och namn.</source>
        <translation>An administrator needs both a user name and a name.</translation>
    </message>
    <message>
        <source>En administratör behöver ett namn.</source>
        <translation>An administrator needs a name.</translation>
    </message>
    <message>
        <source>Exportfilen ska sluta på .xlsx: %1</source>
        <translation>The export file must end in .xlsx: %1</translation>
    </message>
    <message>
        <source>Inloggningsadressen</source>
        <translation>The sign-in address</translation>
    </message>
    <message>
        <source>Kontot måste ha ett namn.</source>
        <translation>The account must have a name.</translation>
    </message>
    <message>
        <source>Ogiltig API-version &apos;%1&apos; (t.ex. v21.0, v3, 2 eller 202505).</source>
        <translation>Invalid API version &apos;%1&apos; (e.g. v21.0, v3, 2 or 202505).</translation>
    </message>
    <message>
        <source>Okänd administratör &apos;%1&apos;.</source>
        <translation>Unknown administrator &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Okänd plattform &apos;%1&apos;; välj en av: %2.</source>
        <translation>Unknown platform &apos;%1&apos;; choose one of: %2.</translation>
    </message>
    <message>
        <source>Okända fält i kontoregistret: %1</source>
        <translation>Unknown fields in the account register: %1</translation>
    </message>
    <message>
        <source>Okänt konto &apos;%1&apos;.</source>
        <translation>Unknown account &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Okänt konto: %1</source>
        <translation>Unknown account: %1</translation>
    </message>
    <message>
        <source>Sidans adress</source>
        <translation>The page&apos;s address</translation>
    </message>
    <message>
        <source>Tokenadressen</source>
        <translation>The token address</translation>
    </message>
    <message>
        <source>Ogiltig kontonyckel &apos;%1&apos;: använd små bokstäver a–z, siffror, - och _ (högst 64 tecken, börjar med bokstav eller siffra).</source>
        <translation>Invalid account key &apos;%1&apos;: use lower-case letters a–z, digits, - and _ (at most 64 characters, starting with a letter or digit).</translation>
    </message>
    <message>
        <source>Filen %1 finns inte.</source>
        <translation>The file %1 does not exist.</translation>
    </message>
    <message>
        <source>%1 är ingen läsbar xlsx-fil (%2).</source>
        <translation>%1 is not a readable xlsx file (%2).</translation>
    </message>
    <message>
        <source>%1 har inget blad med kolumnerna %2 och %3. Använd filen som granska export removals skapade.</source>
        <translation>%1 has no sheet with the columns %2 and %3. Use the file that granska export removals made.</translation>
    </message>
    <message>
        <source>Ogiltigt område &apos;%1&apos;: ange X,Y,B,H i bildpunkter, t.ex. 0,0,1280,800.</source>
        <translation>Invalid area &apos;%1&apos;: give X,Y,W,H in pixels, e.g. 0,0,1280,800.</translation>
    </message>
    <message>
        <source>Området måste ha positiv bredd och höjd, inte %1×%2.</source>
        <translation>The area must have a positive width and height, not %1×%2.</translation>
    </message>
    <message>
        <source>Området %1 ligger utanför %2 (%3).</source>
        <translation>The area %1 lies outside %2 (%3).</translation>
    </message>
    <message>
        <source>bilden</source>
        <translation>the picture</translation>
    </message>
    <message>
        <source>skärmarna</source>
        <translation>the screens</translation>
    </message>
    <message>
        <source>E-postadressen</source>
        <translation>The e-mail address</translation>
    </message>
    <message>
        <source>%1 är ogiltig: &apos;%2&apos;.</source>
        <translation>%1 is invalid: &apos;%2&apos;.</translation>
    </message>
    <message>
        <source>Ogiltigt servernamn &apos;%1&apos;.</source>
        <translation>Invalid server name &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Porten måste vara ett tal, inte &apos;%1&apos;.</source>
        <translation>The port must be a number, not &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Porten måste vara 1–65535, inte %1.</source>
        <translation>The port must be 1–65535, not %1.</translation>
    </message>
    <message>
        <source>Okänd kryptering &apos;%1&apos;; välj starttls, ssl eller none.</source>
        <translation>Unknown encryption &apos;%1&apos;; choose starttls, ssl or none.</translation>
    </message>
    <message>
        <source>Användarnamnet får inte innehålla radbrytningar.</source>
        <translation>The user name may not contain line breaks.</translation>
    </message>
    <message>
        <source>Avsändaradressen</source>
        <translation>The sender address</translation>
    </message>
    <message>
        <source>Kommunikationschefens adress</source>
        <translation>The head of communications&apos; address</translation>
    </message>
    <message>
        <source>Ange en avsändaradress när en e-postserver är inställd.</source>
        <translation>Give a sender address when a mail server is set up.</translation>
    </message>
    <message>
        <source>Tidsgränsen måste vara 1–300 sekunder.</source>
        <translation>The time limit must be 1–300 seconds.</translation>
    </message>
    <message>
        <source>Ange minst en giltig e-postadress som mottagare.</source>
        <translation>Give at least one valid e-mail address as recipient.</translation>
    </message>
    <message>
        <source>Mottagarens adress</source>
        <translation>The recipient&apos;s address</translation>
    </message>
    <message>
        <source>Lösenordet är tomt.</source>
        <translation>The password is empty.</translation>
    </message>
    <message>
        <source>Ingen e-postserver är inställd (Inställningar → E-post).</source>
        <translation>No mail server is set up (Settings → E-mail).</translation>
    </message>
    <message>
        <source>Inget lösenord för e-postservern finns i nyckelringen (Inställningar → E-post).</source>
        <translation>There is no password for the mail server in the keyring (Settings → E-mail).</translation>
    </message>
    <message>
        <source>Mottagarens e-postadress</source>
        <translation>The recipient&apos;s e-mail address</translation>
    </message>
    <message>
        <source>Okänd skärmdump: %1.</source>
        <translation>Unknown screenshot: %1.</translation>
    </message>
    <message>
        <source>Skärmdumpen är ingen PNG-bild.</source>
        <translation>The screenshot is not a PNG image.</translation>
    </message>
    <message>
        <source>Skärmdumpen är tom (0 bildpunkter).</source>
        <translation>The screenshot is empty (0 pixels).</translation>
    </message>
    <message>
        <source>Intervallet måste vara 1–%1 dagar, inte %2.</source>
        <translation>The interval must be 1–%1 days, not %2.</translation>
    </message>
    <message>
        <source>Okänt skäl &apos;%1&apos;; välj annual (årlig) eller change (stor förändring).</source>
        <translation>Unknown reason &apos;%1&apos;; choose annual or change (a large change).</translation>
    </message>
    <message>
        <source>Anteckningen får vara högst %1 tecken.</source>
        <translation>The note may be at most %1 characters.</translation>
    </message>
    <message>
        <source>Ange minst en skärmdump.</source>
        <translation>Choose at least one screenshot.</translation>
    </message>
    <message>
        <source>Ingen mottagare: ange en adress, eller kommunikationschefens adress under Inställningar → E-post.</source>
        <translation>No recipient: give an address, or the head of communications&apos; address under Settings → E-mail.</translation>
    </message>
    <message>
        <source>Välj minst en skärmdump att skicka.</source>
        <translation>Choose at least one screenshot to send.</translation>
    </message>
    <message>
        <source>X svarade att svaret inte blev dolt.</source>
        <translation>X answered that the reply was not hidden.</translation>
    </message>
    <message>
        <source>Svaret är dolt på X (det nås via ”Visa dolda svar”).</source>
        <translation>The reply is hidden on X (it can be reached through “View hidden replies”).</translation>
    </message>
    <message>
        <source>X svarade att svaret fortfarande är dolt.</source>
        <translation>X answered that the reply is still hidden.</translation>
    </message>
    <message>
        <source>Svaret visas igen på X.</source>
        <translation>The reply is shown again on X.</translation>
    </message>
    <message>
        <source>X låter inte kontots ägare radera andras svar; använd Dölj i stället.</source>
        <translation>X does not let the account&apos;s owner delete other people&apos;s replies; use Hide instead.</translation>
    </message>
    <message>
        <source>Svaret är publicerat på X.</source>
        <translation>The reply is published on X.</translation>
    </message>
    <message>
        <source>%1 låter inte sidans ägare dölja kommentarer.</source>
        <translation>%1 does not let the page&apos;s owner hide comments.</translation>
    </message>
    <message>
        <source>%1 låter inte sidans ägare visa dolda kommentarer.</source>
        <translation>%1 does not let the page&apos;s owner show hidden comments again.</translation>
    </message>
    <message>
        <source>%1 låter inte sidans ägare radera andras kommentarer.</source>
        <translation>%1 does not let the page&apos;s owner delete other people&apos;s comments.</translation>
    </message>
    <message>
        <source>%1 låter inte sidans ägare svara på kommentarer.</source>
        <translation>%1 does not let the page&apos;s owner reply to comments.</translation>
    </message>
    <message>
        <source>Kommentaren är dold på %1.</source>
        <translation>The comment is hidden on %1.</translation>
    </message>
    <message>
        <source>Kommentaren visas igen på %1.</source>
        <translation>The comment is shown again on %1.</translation>
    </message>
    <message>
        <source>Kommentaren är raderad på %1.</source>
        <translation>The comment is deleted on %1.</translation>
    </message>
    <message>
        <source>Svaret är publicerat på %1.</source>
        <translation>The reply is published on %1.</translation>
    </message>
    <message>
        <source>%1 svarade att det inte gick.</source>
        <translation>%1 answered that it could not be done.</translation>
    </message>
    <message>
        <source>LinkedIn stöder inte längre API-version %1 (%2); ange en nyare med granska accounts edit --api-version.</source>
        <translation>LinkedIn no longer supports API version %1 (%2); set a newer one with granska accounts edit --api-version.</translation>
    </message>
    <message>
        <source>Ogiltig LinkedIn-kommentar: %1</source>
        <translation>Invalid LinkedIn comment: %1</translation>
    </message>
    <message>
        <source>Kommentaren är raderad på LinkedIn.</source>
        <translation>The comment is deleted on LinkedIn.</translation>
    </message>
    <message>
        <source>Svaret är publicerat på LinkedIn.</source>
        <translation>The reply is published on LinkedIn.</translation>
    </message>
    <message>
        <source>YouTube-kvoten för %1 är slut för i dag. Den nollställs vid midnatt amerikansk västkusttid (kl. 09.00 svensk tid); Granska försöker igen då.</source>
        <translation>The YouTube quota for %1 is used up for today. It is reset at midnight US Pacific time (09:00 Swedish time); Granska tries again then.</translation>
    </message>
    <message>
        <source>YouTube hittar ingen kanal med id %1.</source>
        <translation>YouTube finds no channel with the id %1.</translation>
    </message>
    <message>
        <source>Ansluten till YouTube-kanalen %1.</source>
        <translation>Connected to the YouTube channel %1.</translation>
    </message>
    <message>
        <source>Ansluten till Facebook-sidan %1.</source>
        <translation>Connected to the Facebook page %1.</translation>
    </message>
    <message>
        <source>Ansluten till Instagram-kontot %1.</source>
        <translation>Connected to the Instagram account %1.</translation>
    </message>
    <message>
        <source>Ansluten till LinkedIn-sidan %1.</source>
        <translation>Connected to the LinkedIn page %1.</translation>
    </message>
    <message>
        <source>Ansluten till X-kontot @%1.</source>
        <translation>Connected to the X account @%1.</translation>
    </message>
    <message>
        <source>Ogiltig databasadress: %1</source>
        <translation>Invalid database address: %1</translation>
    </message>
    <message>
        <source>Okänt offlinebeslut: %1</source>
        <translation>Unknown offline decision: %1</translation>
    </message>
    <message>
        <source>Plattformen kan inte publicera meddelandet åt Granska: kopiera texten och publicera den för hand i tråden.</source>
        <translation>The platform cannot publish the notice for Granska: copy the text and publish it by hand in the thread.</translation>
    </message>
    <message>
        <source>Sparat lokalt, skickas när databasen nås.</source>
        <translation>Saved locally, sent when the database can be reached.</translation>
    </message>
    <message>
        <source>Flikarnas sökindex saknade utlösare (%1) som har återskapats.</source>
        <translation>The tabs&apos; search index lacked triggers (%1), which have been recreated.</translation>
    </message>
    <message>
        <source>Flikarnas sökindex har byggts om från posterna.</source>
        <translation>The tabs&apos; search index has been rebuilt from the items.</translation>
    </message>
    <message>
        <source>Arkivets sökindex saknade utlösare (%1) och de har återskapats.</source>
        <translation>The archive&apos;s search index lacked triggers (%1) and they have been recreated.</translation>
    </message>
    <message>
        <source>Arkivets sökindex stämde inte med de sparade kopiorna och har byggts om från dem.</source>
        <translation>The archive&apos;s search index did not match the saved copies and has been rebuilt from them.</translation>
    </message>
    <message>
        <source>Köräknarnas utlösare saknades (%1) och har återskapats.</source>
        <translation>The queue counters&apos; triggers were missing (%1) and have been recreated.</translation>
    </message>
    <message>
        <source>Köräknarna har räknats om från posterna.</source>
        <translation>The queue counters have been recounted from the items.</translation>
    </message>
    <message>
        <source>Sökindexets utlösare saknades (%1) och har återskapats.</source>
        <translation>The search index&apos;s triggers were missing (%1) and have been recreated.</translation>
    </message>
    <message>
        <source>Sökindexet stämde inte med posterna och har byggts om från dem.</source>
        <translation>The search index did not match the items and has been rebuilt from them.</translation>
    </message>
    <message>
        <source>Postlistans index som en hämtning lagt åt sidan har byggts (%1).</source>
        <translation>The item list's indexes that a sync had set aside have been built (%1).</translation>
    </message>
    <message>
        <source>Importen avbröts: processen som läser filen slutade utan svar. Inget har importerats; försök igen.</source>
        <translation>The import was stopped: the process reading the file ended without an answer. Nothing has been imported; please try again.</translation>
    </message>
    <message>
        <source>Hämtningen för %1 avbröts: processen som hämtar från %2 slutade utan svar; försök igen.</source>
        <translation>The sync for %1 was stopped: the process fetching from %2 ended without an answer; please try again.</translation>
    </message>
    <message>
        <source>Bevis</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Beslut</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Diarieföring</source>
        <translation>Registration</translation>
    </message>
    <message>
        <source>Eskalering</source>
        <translation>Escalation</translation>
    </message>
    <message>
        <source>Jäv</source>
        <translation>Recusal</translation>
    </message>
    <message>
        <source>Skärmdump</source>
        <translation>Screenshot</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Administratör</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Kontoadministratör</source>
        <translation>Account administrator</translation>
    </message>
    <message>
        <source>okänd tid</source>
        <translation>unknown time</translation>
    </message>
    <message>
        <source>ogiltig JSON</source>
        <translation>invalid JSON</translation>
    </message>
    <message>
        <source>%1 är ingen tidpunkt</source>
        <translation>%1 is not a point in time</translation>
    </message>
    <message>
        <source>%1 är inga binära data</source>
        <translation>%1 is not binary data</translation>
    </message>
    <message>
        <source>innehållet kan inte läsas</source>
        <translation>the content cannot be read</translation>
    </message>
    <message>
        <source>detaljerna är inget objekt</source>
        <translation>the details are not an object</translation>
    </message>
    <message>
        <source> (post %1)</source>
        <translation> (item %1)</translation>
    </message>
    <message>
        <source>Granskningsloggens huvudrad saknas.</source>
        <translation>The audit log&apos;s head row is missing.</translation>
    </message>
    <message>
        <source>Granskningsloggen har %1 händelser men ska ha %2: händelser i slutet har raderats eller huvudraden har ändrats.</source>
        <translation>The audit log has %1 events but should have %2: events at the end have been deleted or the head row has been changed.</translation>
    </message>
    <message>
        <source>Förseglingar för händelse %1, som inte finns, har lagts till eller händelsen har raderats.</source>
        <translation>Seals for event %1, which does not exist, have been added or the event has been deleted.</translation>
    </message>
    <message>
        <source>Händelse %1 (%2) har ett oläsbart värde (%3): den har ändrats utanför Granska.</source>
        <translation>Event %1 (%2) has an unreadable value (%3): it has been changed outside Granska.</translation>
    </message>
    <message>
        <source>Händelse %1 (%2, %3): kedjan bryts här – händelsen före har ändrats eller raderats.</source>
        <translation>Event %1 (%2, %3): the chain breaks here – the event before it has been changed or deleted.</translation>
    </message>
    <message>
        <source>Händelse %1 (%2, %3) har ändrats efter att den skrevs.</source>
        <translation>Event %1 (%2, %3) has been changed after it was written.</translation>
    </message>
    <message>
        <source>Händelse %1 är inte den som %2 bevittnar: loggen har skrivits om från och med dit eller tidigare.</source>
        <translation>Event %1 is not the one %2 witnesses: the log has been rewritten from there or earlier.</translation>
    </message>
    <message>
        <source>Förseglingar för händelse %1, som inte finns: händelser i slutet har raderats.</source>
        <translation>Seals for event %1, which does not exist: events at the end have been deleted.</translation>
    </message>
    <message>
        <source>Granskningsloggen har %1 händelser, men %2 visar att den hade minst %3: loggen har klippts av efter att vittnet skrevs.</source>
        <translation>The audit log has %1 events, but %2 shows that it had at least %3: the log has been cut off after the witness was written.</translation>
    </message>
    <message>
        <source>Ingen händelse i loggen har %1 %2…: loggen har klippts av eller skrivits om.</source>
        <translation>No event in the log has %1 %2…: the log has been cut off or rewritten.</translation>
    </message>
    <message>
        <source>En försegling har ett oläsbart händelse-id (%1): den har ändrats.</source>
        <translation>A seal has an unreadable event id (%1): it has been changed.</translation>
    </message>
    <message>
        <source>Bevis %1 (post %2) har ändrats: innehållet stämmer inte med sin SHA-256.</source>
        <translation>Evidence %1 (item %2) has been changed: the content does not match its SHA-256.</translation>
    </message>
    <message>
        <source>Bevis %1 (post %2), sparat enligt händelse %3, har ändrats: innehållet stämmer inte med sin SHA-256.</source>
        <translation>Evidence %1 (item %2), saved according to event %3, has been changed: the content does not match its SHA-256.</translation>
    </message>
    <message>
        <source>Bevis %1, sparat enligt händelse %2, saknas: det har raderats.</source>
        <translation>Evidence %1, saved according to event %2, is missing: it has been deleted.</translation>
    </message>
    <message>
        <source>%1%2 har ett oläsbart värde (%3): den har ändrats efter händelse %4.</source>
        <translation>%1%2 has an unreadable value (%3): it has been changed after event %4.</translation>
    </message>
    <message>
        <source>%1%2 togs bort enligt händelse %3 men finns igen.</source>
        <translation>%1%2 was removed according to event %3 but exists again.</translation>
    </message>
    <message>
        <source>%1%2 har ändrats efter händelse %3, som förseglade den.</source>
        <translation>%1%2 has been changed after event %3, which sealed it.</translation>
    </message>
    <message>
        <source>%1%2 finns inte i granskningsloggen: den har lagts till utanför Granska.</source>
        <translation>%1%2 is not in the audit log: it has been added outside Granska.</translation>
    </message>
    <message>
        <source>%1, förseglad i händelse %2, saknas: den har raderats utanför Granska.</source>
        <translation>%1, sealed in event %2, is missing: it has been deleted outside Granska.</translation>
    </message>
    <message>
        <source>Okänt format %1: välj html eller csv.</source>
        <translation>Unknown format %1: choose html or csv.</translation>
    </message>
    <message>
        <source>Ingen nyckelring finns tillgänglig för att spara inloggningsuppgifter. På Linux: installera och starta gnome-keyring (eller KWallet) i din skrivbordssession. Granska fungerar utan nyckelring, men kan då inte hämta eller ta bort kommentarer på plattformarna.</source>
        <translation>No keyring is available to store sign-in credentials. On Linux: install and start gnome-keyring (or KWallet) in your desktop session. Granska works without a keyring, but then cannot fetch or remove comments on the platforms.</translation>
    </message>
    <message>
        <source>Nyckelringen är låst och kunde inte låsas upp. Logga in i skrivbordssessionen (eller lås upp nyckelringen) och försök igen.</source>
        <translation>The keyring is locked and could not be unlocked. Log in to the desktop session (or unlock the keyring) and try again.</translation>
    </message>
    <message>
        <source>Nyckelringen tog emot token men gick inte att läsa tillbaka, så den är inte sparad. Försök igen; hjälper det inte, starta om nyckelringen (eller logga ut och in).</source>
        <translation>The keyring took the token but it could not be read back, so it is not saved. Try again; if that does not help, restart the keyring (or log out and in).</translation>
    </message>
    <message>
        <source>Granska avbröts medan meddelandet skickades: kontrollera i tråden om det publicerades, och publicera annars texten för hand.</source>
        <translation>Granska was interrupted while the notice was being sent: check in the thread whether it was published, and otherwise publish the text by hand.</translation>
    </message>
    <message>
        <source>Tråden finns inte längre på plattformen (%1); publicera meddelandet för hand om det behövs.</source>
        <translation>The thread no longer exists on the platform (%1); publish the notice by hand if needed.</translation>
    </message>
    <message>
        <source>Teamdatabasen nås inte, och det här kan inte göras offline (bara att godkänna, ta bort, diarieföra, meddela, svara och vidarebefordra). Ingenting har ändrats.</source>
        <translation>The team database cannot be reached, and this cannot be done offline (only approving, removing, registering, notifying, answering and forwarding). Nothing has been changed.</translation>
    </message>
    <message>
        <source>Databasen %1 är skadad (%2). Avsluta Granska och starta det igen: den skadade filen flyttas då undan (den raderas aldrig) och en ny databas skapas. Det som redan sparats finns kvar i den undanflyttade filen.</source>
        <translation>The database %1 is damaged (%2). Quit Granska and start it again: the damaged file is then moved aside (it is never deleted) and a new database is created. What was already saved remains in the moved-aside file.</translation>
    </message>
    <message>
        <source>inget svar på %1 s</source>
        <translation>no answer in %1 s</translation>
    </message>
    <message>
        <source>inget svar inom %1 s</source>
        <translation>no answer within %1 s</translation>
    </message>
    <message>
        <source>anslutningen nekades; servern är kanske avstängd</source>
        <translation>the connection was refused; the server may be switched off</translation>
    </message>
    <message>
        <source>servernamnet kunde inte slås upp</source>
        <translation>the server name could not be looked up</translation>
    </message>
    <message>
        <source>anslutningen bröts</source>
        <translation>the connection was broken</translation>
    </message>
    <message>
        <source>nätverket eller servern svarar inte</source>
        <translation>the network or the server does not answer</translation>
    </message>
    <message>
        <source>Teamdatabasen på %1 nås inte (%2). Kontrollera nätverket eller VPN, eller fråga IT om servern är igång. Ingenting har ändrats.</source>
        <translation>The team database at %1 cannot be reached (%2). Check the network or VPN, or ask IT whether the server is running. Nothing has been changed.</translation>
    </message>
    <message>
        <source>Teamdatabasen nås inte längre (%1). Granska arbetar nu på den lokala kopian; det som inte hann sparas har inte ändrats: gör om det, så sparas det lokalt.</source>
        <translation>The team database can no longer be reached (%1). Granska now works on the local copy; what had not yet been saved has not been changed: do it again, and it is saved locally.</translation>
    </message>
    <message>
        <source>Teamdatabasen nås inte längre (%1). Det som inte hann sparas har inte ändrats; försök igen när nätverket är tillbaka.</source>
        <translation>The team database can no longer be reached (%1). What had not yet been saved has not been changed; try again when the network is back.</translation>
    </message>
    <message>
        <source>ingen</source>
        <translation>nobody</translation>
    </message>
    <message>
        <source>ingen administratör</source>
        <translation>no administrator</translation>
    </message>
    <message>
        <source>bara en administratör</source>
        <translation>only one administrator</translation>
    </message>
    <message>
        <source>Bara %1 person(er) kan öppna inloggningsuppgifterna för %2 (%3). Kollegor som tilldelats kontot får sin nyckel när någon som har den kör granska login.</source>
        <translation>Only %1 person(s) can open the sign-in credentials for %2 (%3). Colleagues assigned to the account get their key when someone who has it runs granska login.</translation>
    </message>
    <message>
        <source>%1 har %2. Riktlinjerna säger att minst två personer bör kunna administrera varje konto, så att inget konto blir utan någon som kommer åt det.</source>
        <translation>%1 has %2. The guidelines say that at least two people should be able to administer each account, so that no account is left without someone who can reach it.</translation>
    </message>
    <message>
        <source>Skärmdumpar kräver X11 eller XWayland, men bara Wayland hittades (DISPLAY är inte satt). Logga in i en X11-session, eller ta skärmdumpen med skrivbordets eget verktyg.</source>
        <translation>Screenshots need X11 or XWayland, but only Wayland was found (DISPLAY is not set). Log in to an X11 session, or take the screenshot with the desktop's own tool.</translation>
    </message>
    <message>
        <source>Ingen skärm att ta en skärmdump av: DISPLAY är inte satt. Kör Granska i en grafisk session (eller under xvfb-run för schemalagda körningar).</source>
        <translation>No screen to take a screenshot of: DISPLAY is not set. Run Granska in a graphical session (or under xvfb-run for scheduled runs).</translation>
    </message>
    <message>
        <source>Skärmens färgdjup stöds inte för skärmdumpar (%1). Ställ in 24 eller 32 bitar.</source>
        <translation>The screen's colour depth is not supported for screenshots (%1). Set it to 24 or 32 bits.</translation>
    </message>
    <message>
        <source>Kan inte ansluta till skärmen: %1.</source>
        <translation>Cannot connect to the screen: %1.</translation>
    </message>
    <message>
        <source>Skärmdumpen misslyckades: %1.</source>
        <translation>The screenshot failed: %1.</translation>
    </message>
    <message>
        <source>Söktexten är för lång (%1 tecken, högst %2): sök på några ord ur texten.</source>
        <translation>The search text is too long (%1 characters, at most %2): search for a few words from the text.</translation>
    </message>
    <message>
        <source>Exporten avbröts oväntat (exportprocessen slutade utan svar). Ingen fil sparades; försök igen.</source>
        <translation>The export stopped unexpectedly (the export process ended without an answer). No file was saved; try again.</translation>
    </message>
    <message>
        <source>Skärmdump %1 stämmer inte med sin SHA-256-summa: bilden i databasen är skadad.</source>
        <translation>Screenshot %1 does not match its SHA-256 sum: the image in the database is damaged.</translation>
    </message>
    <message>
        <source>Kontot %1 saknar klient-id för inloggning hos %2: ange kommunens eget med granska accounts edit %3 --client-id ID.</source>
        <translation>The account %1 has no client id for signing in to %2: enter the municipality's own with granska accounts edit %3 --client-id ID.</translation>
    </message>
    <message>
        <source>Granskningsloggens huvudrad saknas i databasen: loggen kan ha manipulerats. Kör &apos;granska audit verify&apos; och kontakta systemförvaltaren.</source>
        <translation>The audit log's head row is missing from the database: the log may have been tampered with. Run &apos;granska audit verify&apos; and contact the system administrator.</translation>
    </message>
    <message>
        <source>Åldern för gallring anges i dagar, minst 1.</source>
        <translation>The age for weeding is given in days, at least 1.</translation>
    </message>
    <message>
        <source>Lösenord kan bara sättas på en teamdatabas (PostgreSQL).</source>
        <translation>A password can only be set on a team database (PostgreSQL).</translation>
    </message>
    <message>
        <source>Kommentaren är avvisad på YouTube och syns inte längre.</source>
        <translation>The comment is rejected on YouTube and no longer shows.</translation>
    </message>
    <message>
        <source>YouTube låter inte en avvisad kommentar publiceras igen.</source>
        <translation>YouTube does not let a rejected comment be published again.</translation>
    </message>
    <message>
        <source>YouTube låter inte kanalens ägare radera andras kommentarer; använd Dölj (avvisa) i stället.</source>
        <translation>YouTube does not let the channel&apos;s owner delete other people&apos;s comments; use Hide (reject) instead.</translation>
    </message>
    <message>
        <source>Svaret är publicerat på YouTube.</source>
        <translation>The reply is published on YouTube.</translation>
    </message>
    <message>
        <source>Plattformen utförde inte borttagningen.</source>
        <translation>The platform did not carry out the removal.</translation>
    </message>
    <message>
        <source>Plattformen publicerade inte meddelandet.</source>
        <translation>The platform did not publish the message.</translation>
    </message>
    <message>
        <source>E-postservern %1 kan inte kryptera med STARTTLS. Välj SSL, eller ingen kryptering om servern bara nås inom kommunens nät, under Inställningar → E-post.</source>
        <translation>The mail server %1 cannot encrypt with STARTTLS. Choose SSL, or no encryption if the server is only reached within the municipality&apos;s network, under Settings → Mail.</translation>
    </message>
    <message>
        <source>E-postserverns certifikat för %1 gick inte att lita på (fel namn, utgånget eller okänt).</source>
        <translation>The mail server&apos;s certificate for %1 could not be trusted (wrong name, expired or unknown).</translation>
    </message>
    <message>
        <source>Krypteringen mot e-postservern %1:%2 misslyckades (fel port för SSL eller STARTTLS?).</source>
        <translation>Encryption with the mail server %1:%2 failed (wrong port for SSL or STARTTLS?).</translation>
    </message>
    <message>
        <source>E-postservern tog inte emot mottagaradressen.</source>
        <translation>The mail server did not accept the recipient&apos;s address.</translation>
    </message>
    <message>
        <source>E-postservern tog inte emot avsändaradressen.</source>
        <translation>The mail server did not accept the sender&apos;s address.</translation>
    </message>
    <message>
        <source>E-postservern %1 stängde anslutningen.</source>
        <translation>The mail server %1 closed the connection.</translation>
    </message>
    <message>
        <source>E-postservern %1 nekade.</source>
        <translation>The mail server %1 refused.</translation>
    </message>
    <message>
        <source>Servernamnet %1 hittades inte (stavning, eller inget nätverk).</source>
        <translation>The server name %1 was not found (spelling, or no network).</translation>
    </message>
    <message>
        <source>E-postservern %1 tog inte emot anslutningar på port %2 (fel port, eller nere).</source>
        <translation>The mail server %1 did not accept connections on port %2 (wrong port, or down).</translation>
    </message>
    <message>
        <source>E-postservern %1:%2 svarade inte inom %3 sekunder.</source>
        <translation>The mail server %1:%2 did not answer within %3 seconds.</translation>
    </message>
    <message>
        <source>E-postservern %1:%2 gick inte att nå.</source>
        <translation>The mail server %1:%2 could not be reached.</translation>
    </message>
    <message>
        <source>E-postservern %1 svarade inte som väntat.</source>
        <translation>The mail server %1 did not answer as expected.</translation>
    </message>
    <message>
        <source>Kunde inte skicka e-post via %1:%2: %3 (%4)</source>
        <translation>Could not send mail via %1:%2: %3 (%4)</translation>
    </message>
    <message>
        <source>E-postservern erbjuder inte AUTH PLAIN, som behövs för användarnamn eller lösenord med å, ä, ö eller andra tecken utanför ASCII.</source>
        <translation>The mail server does not offer AUTH PLAIN, which is needed for a user name or password with å, ä, ö or other characters outside ASCII.</translation>
    </message>
    <message>
        <source>E-postservern %1 godtog inte användarnamn och lösenord.</source>
        <translation>The mail server %1 did not accept the user name and password.</translation>
    </message>
    <message>
        <source>Databasen kunde inte användas: %1</source>
        <translation>The database could not be used: %1</translation>
    </message>
    <message>
        <source>Beviset och beslutet är sparade; plattformen ombeds ta bort kommentaren.</source>
        <translation>The evidence and the decision are saved; the platform is asked to remove the comment.</translation>
    </message>
    <message>
        <source>Diarieförd: %1, diarienummer %2.</source>
        <translation>Registered: %1, case number %2.</translation>
    </message>
    <message>
        <source>Diarieförd: %1; registratorn fyller i diarienumret.</source>
        <translation>Registered: %1; the registrar fills in the case number.</translation>
    </message>
    <message>
        <source>Meddelandet är sparat och skickas till plattformen.</source>
        <translation>The message is saved and is being sent to the platform.</translation>
    </message>
    <message>
        <source>Godkänd: kommentaren får stå kvar.</source>
        <translation>Approved: the comment may stay.</translation>
    </message>
    <message>
        <source>Svaret är sparat och markerat som publicerat för hand.</source>
        <translation>The answer is saved and marked as published by hand.</translation>
    </message>
    <message>
        <source>Svaret är sparat och skickas till plattformen.</source>
        <translation>The answer is saved and is being sent to the platform.</translation>
    </message>
    <message>
        <source>Vidarebefordras till %1; e-posten skickas.</source>
        <translation>Forwarded to %1; the e-mail is being sent.</translation>
    </message>
    <message>
        <source>Överlämnad till %1; du kan inte längre besluta om posten.</source>
        <translation>Handed over to %1; you can no longer decide on the item.</translation>
    </message>
    <message>
        <source>Meddelandet är markerat som publicerat.</source>
        <translation>The message is marked as published.</translation>
    </message>
    <message>
        <source>Diarienummer %1 är sparat.</source>
        <translation>Case number %1 is saved.</translation>
    </message>
    <message>
        <source>Beviset och beslutet är sparade och diarieförda. Ta bort kommentaren för hand: %1 – och bekräfta sedan att den är borta.</source>
        <translation>The evidence and the decision are saved and registered. Remove the comment by hand: %1 – and then confirm that it is gone.</translation>
    </message>
    <message>
        <source>(ingen länk sparad)</source>
        <translation>(no link saved)</translation>
    </message>
    <message>
        <source>det är en mapp, inte en databasfil</source>
        <translation>it is a folder, not a database file</translation>
    </message>
    <message>
        <source>filen är skrivskyddad eller saknar behörighet</source>
        <translation>the file is read-only or access is denied</translation>
    </message>
    <message>
        <source>mappen %1 är skrivskyddad eller saknar behörighet</source>
        <translation>the folder %1 is read-only or access is denied</translation>
    </message>
    <message>
        <source>Svarstidernas utlösare saknades eller var inaktuella; de är återskapade och svarstiderna har räknats om från svaren och besluten.</source>
        <translation>The response-time triggers were missing or out of date; they have been recreated and the response times recounted from the answers and decisions.</translation>
    </message>
    <message>
        <source>Kan inte använda databasen %1: %2. Ingenting har ändrats.</source>
        <translation>Cannot use the database %1: %2. Nothing has been changed.</translation>
    </message>
    <message>
        <source>Kan inte läsa databasen %1: %2. Ingenting har ändrats.</source>
        <translation>Cannot read the database %1: %2. Nothing has been changed.</translation>
    </message>
    <message>
        <source>Databasfilen %1 är skadad men används av ett annat program, kanske Granska i ett annat fönster, så den kan inte flyttas undan. Stäng det programmet och starta Granska igen. Ingenting har raderats.</source>
        <translation>The database file %1 is damaged but is in use by another program, perhaps Granska in another window, so it cannot be moved aside. Close that program and start Granska again. Nothing has been deleted.</translation>
    </message>
    <message>
        <source>Databasfilen %1 är skadad (%2) men kan inte flyttas undan: %3. Ingenting har ändrats.</source>
        <translation>The database file %1 is damaged (%2) but cannot be moved aside: %3. Nothing has been changed.</translation>
    </message>
    <message>
        <source>Databasen är från en nyare Granska (databasversion %1); den här är Granska %2 med databasversion %3. Uppdatera Granska. Ingenting har ändrats.</source>
        <translation>The database is from a newer Granska (database version %1); this is Granska %2 with database version %3. Update Granska. Nothing has been changed.</translation>
    </message>
    <message>
        <source>Kan inte öppna databasen %1: %2</source>
        <translation>Cannot open the database %1: %2</translation>
    </message>
    <message>
        <source>Kan inte skapa mappen %1: %2</source>
        <translation>Cannot create the folder %1: %2</translation>
    </message>
    <message>
        <source>filen eller mappen finns inte</source>
        <translation>the file or folder does not exist</translation>
    </message>
    <message>
        <source>det är en mapp, inte en fil</source>
        <translation>it is a folder, not a file</translation>
    </message>
    <message>
        <source>en del av sökvägen är inte en mapp</source>
        <translation>part of the path is not a folder</translation>
    </message>
    <message>
        <source>det finns redan en fil eller mapp med det namnet</source>
        <translation>a file or folder with that name already exists</translation>
    </message>
    <message>
        <source>filen används av ett annat program</source>
        <translation>the file is in use by another program</translation>
    </message>
    <message>
        <source>Kan inte skriva %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>inget svar ännu</source>
        <translation>no answer yet</translation>
    </message>
    <message>
        <source>%1 Åtgärda orsaken och kör &apos;granska retry&apos;.</source>
        <translation>%1 Fix the cause and run &apos;granska retry&apos;.</translation>
    </message>
    <message>
        <source>%1 Nytt försök %2.</source>
        <translation>%1 Next attempt %2.</translation>
    </message>
    <message>
        <source>Svaret är publicerat i tråden.</source>
        <translation>The answer is published in the thread.</translation>
    </message>
    <message>
        <source>Meddelandet är publicerat i tråden.</source>
        <translation>The notice is published in the thread.</translation>
    </message>
    <message>
        <source>Svaret ska publiceras för hand: texten finns att kopiera.</source>
        <translation>The answer is to be published by hand: the text is there to copy.</translation>
    </message>
    <message>
        <source>Meddelandet ska publiceras för hand: texten finns att kopiera.</source>
        <translation>The notice is to be published by hand: the text is there to copy.</translation>
    </message>
    <message>
        <source>Svaret publiceras när plattformen svarar (%1)</source>
        <translation>The answer is published when the platform responds (%1)</translation>
    </message>
    <message>
        <source>Meddelandet publiceras när plattformen svarar (%1)</source>
        <translation>The notice is published when the platform responds (%1)</translation>
    </message>
    <message>
        <source>Svaret väntar på att publiceras.</source>
        <translation>The answer is waiting to be published.</translation>
    </message>
    <message>
        <source>Meddelandet väntar på att publiceras.</source>
        <translation>The notice is waiting to be published.</translation>
    </message>
    <message>
        <source>Närmaste chef har fått e-post för beslut om polisanmälan.</source>
        <translation>The immediate manager has been e-mailed to decide on a police report.</translation>
    </message>
    <message>
        <source>Ingen chef kunde nås per e-post: kontakta närmaste chef själv om polisanmälan.</source>
        <translation>No manager could be reached by e-mail: contact your immediate manager yourself about a police report.</translation>
    </message>
    <message>
        <source>E-posten till chefen väntar: %1</source>
        <translation>The e-mail to the manager is waiting: %1</translation>
    </message>
    <message>
        <source>Vidarebefordrad med e-post till %1; frågan väntar på svar.</source>
        <translation>Forwarded by e-mail to %1; the question is waiting for an answer.</translation>
    </message>
    <message>
        <source>E-posten till %1 är inte skickad än: %2</source>
        <translation>The e-mail to %1 is not sent yet: %2</translation>
    </message>
    <message>
        <source>E-posten till %1 väntar på att skickas.</source>
        <translation>The e-mail to %1 is waiting to be sent.</translation>
    </message>
    <message>
        <source>E-posten är köad.</source>
        <translation>The e-mail is queued.</translation>
    </message>
    <message>
        <source>Borttagen och diarieförd. %1</source>
        <translation>Removed and registered. %1</translation>
    </message>
    <message>
        <source>Beviset och beslutet är sparade, men kommentaren är inte borttagen än: %1</source>
        <translation>The evidence and the decision are saved, but the comment is not removed yet: %1</translation>
    </message>
    <message>
        <source>leder till åtgärd</source>
        <translation>leads to action</translation>
    </message>
    <message>
        <source>bedöms bli ett ärende</source>
        <translation>expected to become a case</translation>
    </message>
    <message>
        <source>rör ett befintligt ärende</source>
        <translation>concerns an existing case</translation>
    </message>
    <message>
        <source>av särskilt intresse</source>
        <translation>of special interest</translation>
    </message>
    <message>
        <source>innehåller sekretess</source>
        <translation>contains confidential information</translation>
    </message>
    <message>
        <source>Kunde inte skriva PDF-filen %1.</source>
        <translation>Could not write the PDF file %1.</translation>
    </message>
    <message>
        <source>%1 svarade inte i tid för kontot %2.</source>
        <translation>%1 did not answer in time for the account %2.</translation>
    </message>
    <message>
        <source>%1 gick inte att nå (%3) för kontot %2.</source>
        <translation>%1 could not be reached (%3) for the account %2.</translation>
    </message>
    <message>
        <source>%1 skickade ett svar som inte gick att läsa (trasig JSON) för kontot %2.</source>
        <translation>%1 sent an answer that could not be read (broken JSON) for the account %2.</translation>
    </message>
    <message>
        <source>%1 skickade ett ofullständigt svar (utan %3) för kontot %2.</source>
        <translation>%1 sent an incomplete answer (without %3) for the account %2.</translation>
    </message>
    <message>
        <source>Granskningsloggen kunde inte kontrolleras: den andra kontrollprocessen slutade utan svar. Inget har ändrats; försök igen.</source>
        <translation>The audit log could not be verified: the second checking process ended without an answer. Nothing was changed; try again.</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message numerus="yes">
        <source>Skärmdump om %n s</source>
        <translation>
            <numerusform>Screenshot in %n s</numerusform>
            <numerusform>Screenshot in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Klicka för att avbryta</source>
        <translation>Click to cancel</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Detaljer om vald post</source>
        <translation>Details of the selected item</translation>
    </message>
    <message>
        <source>Välj en post i listan för att se hela texten.</source>
        <translation>Select an item in the list to see the full text.</translation>
    </message>
    <message>
        <source>Författare</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Hela texten</source>
        <translation>Full text</translation>
    </message>
    <message>
        <source>Öppna på plattformen</source>
        <translation>Open on the platform</translation>
    </message>
    <message>
        <source>Öppna posten på plattformen i webbläsaren</source>
        <translation>Open the item on the platform in the web browser</translation>
    </message>
    <message>
        <source>Författarens profil</source>
        <translation>Author&apos;s profile</translation>
    </message>
    <message>
        <source>Öppna författarens profil i webbläsaren</source>
        <translation>Open the author&apos;s profile in the web browser</translation>
    </message>
    <message>
        <source>Varför flaggad</source>
        <translation>Why flagged</translation>
    </message>
    <message>
        <source>Varför posten flaggades</source>
        <translation>Why the item was flagged</translation>
    </message>
    <message>
        <source>Tråden</source>
        <translation>Thread</translation>
    </message>
    <message>
        <source>Inlägget som tråden hör till</source>
        <translation>The post this thread belongs to</translation>
    </message>
    <message>
        <source>Kommentaren som det här är ett svar på</source>
        <translation>The comment this replies to</translation>
    </message>
    <message>
        <source>Tidigare versioner</source>
        <translation>Earlier versions</translation>
    </message>
    <message>
        <source>Författaren här tidigare</source>
        <translation>The author here before</translation>
    </message>
    <message>
        <source>Författarens tidigare poster</source>
        <translation>The author&apos;s earlier items</translation>
    </message>
    <message>
        <source>Kanalen</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Kanalens syfte och tonalitet</source>
        <translation>The channel&apos;s purpose and tone</translation>
    </message>
    <message>
        <source>Historik</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Postens historik</source>
        <translation>The item&apos;s history</translation>
    </message>
    <message>
        <source>(okänd författare)</source>
        <translation>(unknown author)</translation>
    </message>
    <message>
        <source>Inlägg</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Kommentar</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>redigerad %s</source>
        <translation>edited %s</translation>
    </message>
    <message>
        <source>Ingen länk</source>
        <translation>No link</translation>
    </message>
    <message>
        <source>Ingen profillänk</source>
        <translation>No profile link</translation>
    </message>
    <message>
        <source>Föreslaget skäl för borttagning: %s.</source>
        <translation>Suggested reason for removal: %s.</translation>
    </message>
    <message>
        <source>(skäl: %s)</source>
        <translation>(reason: %s)</translation>
    </message>
    <message>
        <source>Texten innehåller en fråga: svara snabbt och personligt.</source>
        <translation>The text contains a question: answer quickly and personally.</translation>
    </message>
    <message>
        <source>Inlägg av %s, %s:</source>
        <translation>Post by %s, %s:</translation>
    </message>
    <message>
        <source>Svar på %s, %s:</source>
        <translation>Reply to %s, %s:</translation>
    </message>
    <message>
        <source>Inga tidigare poster från författaren på det här kontot.</source>
        <translation>No earlier items from this author on this account.</translation>
    </message>
    <message>
        <source>De senaste %d posterna från författaren här.</source>
        <translation>The latest %d items from this author here.</translation>
    </message>
    <message>
        <source>%d tidigare poster från författaren här.</source>
        <translation>%d earlier items from this author here.</translation>
    </message>
    <message>
        <source>Syfte</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Innehåll</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>Tonalitet</source>
        <translation>Tone</translation>
    </message>
    <message>
        <source>Svar kan väntas</source>
        <translation>Answers can be expected</translation>
    </message>
    <message>
        <source>Inget har gjorts med posten ännu.</source>
        <translation>Nothing has been done with this item yet.</translation>
    </message>
</context>
<context>
    <name>DiarienummerView</name>
    <message>
        <source>Bara de som saknar diarienummer</source>
        <translation>Only those without a registration number</translation>
    </message>
    <message>
        <source>Diarieförda poster</source>
        <translation>Registered items</translation>
    </message>
    <message>
        <source>Diarieförd</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Av</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Kriterium</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Diarienummer</source>
        <translation>Registration number</translation>
    </message>
    <message>
        <source>t.ex. KS/2026:123</source>
        <translation>e.g. KS/2026:123</translation>
    </message>
    <message>
        <source>Spara diarienummer</source>
        <translation>Save registration number</translation>
    </message>
    <message>
        <source>Diarienummer:</source>
        <translation>Registration number:</translation>
    </message>
    <message>
        <source>Motivering: %1</source>
        <translation>Motivation: %1</translation>
    </message>
    <message>
        <source>Sparat.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>DnrImportDialog</name>
    <message>
        <source>Läs in diarienummer från Excel</source>
        <translation>Read case numbers from Excel</translation>
    </message>
    <message>
        <source>Välj filen som exporten skapade och som registratorn fyllt i. Varje nummer kopplas till rätt post med kolumnen Rad-id. Förhandsgranska först: inget sparas då.</source>
        <translation>Choose the file that the export made and the registrar filled in. Each number is matched to its item by the Row id column. Preview first: nothing is saved then.</translation>
    </message>
    <message>
        <source>Fil</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Sökväg till xlsx-filen</source>
        <translation>Path to the xlsx file</translation>
    </message>
    <message>
        <source>Välj fil…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>Spara övriga nummer och hoppa över rader med konflikt</source>
        <translation>Save the other numbers and skip the rows with a conflict</translation>
    </message>
    <message>
        <source>Förhandsgranska</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Läs in och spara</source>
        <translation>Read and save</translation>
    </message>
    <message>
        <source>Diarienummer som sparas</source>
        <translation>Case numbers to be saved</translation>
    </message>
    <message>
        <source>Rad-id</source>
        <translation>Row id</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Diarienummer</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Tidigare</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Konflikter</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Välj den ifyllda exportfilen</source>
        <translation>Choose the filled-in export file</translation>
    </message>
    <message>
        <source>Excel-filer (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>Läser filen…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>Läser in diarienummer…</source>
        <translation>Reading case numbers…</translation>
    </message>
    <message>
        <source>%d nummer, %d fanns redan, %d rader utan nummer, %d konflikter.</source>
        <translation>%d numbers, %d already there, %d rows without a number, %d conflicts.</translation>
    </message>
    <message>
        <source>Förhandsgranskning, inget är sparat: %s</source>
        <translation>Preview, nothing is saved: %s</translation>
    </message>
    <message>
        <source>Sparat: %s</source>
        <translation>Saved: %s</translation>
    </message>
    <message>
        <source>Inget sparades på grund av konflikterna: %s Rätta dem, eller välj att hoppa över dem.</source>
        <translation>Nothing was saved because of the conflicts: %s Correct them, or choose to skip them.</translation>
    </message>
    <message>
        <source>Inget nytt att spara: %s</source>
        <translation>Nothing new to save: %s</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Exportera till registratorn</source>
        <translation>Export for the registrar</translation>
    </message>
    <message>
        <source>Periodens första dag</source>
        <translation>First day of the period</translation>
    </message>
    <message>
        <source>Periodens sista dag</source>
        <translation>Last day of the period</translation>
    </message>
    <message>
        <source>till och med</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Konton att exportera</source>
        <translation>Accounts to export</translation>
    </message>
    <message>
        <source>Exportfil</source>
        <translation>Export file</translation>
    </message>
    <message>
        <source>Välj…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Period (svensk tid)</source>
        <translation>Period (Swedish time)</translation>
    </message>
    <message>
        <source>Konton (inga valda = alla)</source>
        <translation>Accounts (none selected = all)</translation>
    </message>
    <message>
        <source>Fil</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Exportera</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Avbryt exporten</source>
        <translation>Cancel the export</translation>
    </message>
    <message>
        <source>Visa mappen</source>
        <translation>Show the folder</translation>
    </message>
    <message>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Perioden slutar före den börjar.</source>
        <translation>The period ends before it starts.</translation>
    </message>
    <message>
        <source>I perioden: %1 borttagna, %2 diarieförda utan borttagning.</source>
        <translation>In the period: %1 removed, %2 registered without removal.</translation>
    </message>
    <message>
        <source>Spara exporten som</source>
        <translation>Save the export as</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporterar …</source>
        <translation>Exporting …</translation>
    </message>
    <message>
        <source>Avbryter …</source>
        <translation>Cancelling …</translation>
    </message>
    <message>
        <source>Klart: %1 borttagna och %2 diarieförda sparade i %3.</source>
        <translation>Done: %1 removed and %2 registered saved in %3.</translation>
    </message>
    <message>
        <source>%1 celler var för långa för Excel och är avkortade; hela texten finns i bevispaketet.</source>
        <translation>%1 cells were too long for Excel and are shortened; the full text is in the evidence package.</translation>
    </message>
    <message>
        <source>Exporten avbröts. Ingen fil sparades.</source>
        <translation>The export was cancelled. No file was saved.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Sök i text och författare  ( / )</source>
        <translation>Search text and author  ( / )</translation>
    </message>
    <message>
        <source>Sök i text och författare</source>
        <translation>Search text and author</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Alla konton</source>
        <translation>All accounts</translation>
    </message>
    <message>
        <source>Plattform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Alla plattformar</source>
        <translation>All platforms</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Alla statusar</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Flagga</source>
        <translation>Flag</translation>
    </message>
    <message>
        <source>Alla flaggor</source>
        <translation>All flags</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Alla datum</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>Senaste dygnet</source>
        <translation>Last 24 hours</translation>
    </message>
    <message>
        <source>Senaste 7 dagarna</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Senaste 30 dagarna</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Välj datum…</source>
        <translation>Choose dates…</translation>
    </message>
    <message>
        <source>Från och med datum</source>
        <translation>From date</translation>
    </message>
    <message>
        <source>Till och med datum</source>
        <translation>To date (inclusive)</translation>
    </message>
    <message>
        <source>Visa andra konton</source>
        <translation>Show other accounts</translation>
    </message>
    <message>
        <source>Visa även konton som du inte administrerar (bara läsa, inga åtgärder)</source>
        <translation>Also show accounts you do not administer (read only, no actions)</translation>
    </message>
    <message>
        <source>Rensa filter</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Rensa sökning och filter</source>
        <translation>Clear search and filters</translation>
    </message>
    <message>
        <source>Alla mina konton</source>
        <translation>All my accounts</translation>
    </message>
    <message>
        <source>%s (inaktivt)</source>
        <translation>%s (inactive)</translation>
    </message>
    <message>
        <source>Sök</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Töm sökfältet</source>
        <translation>Clear the search field</translation>
    </message>
    <message>
        <source>Filter på – rensa (Esc)</source>
        <translation>Filter on – clear (Esc)</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>måndag</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>tisdag</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>onsdag</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>torsdag</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>fredag</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>lördag</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>söndag</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>januari</source>
        <translation>January</translation>
    </message>
    <message>
        <source>februari</source>
        <translation>February</translation>
    </message>
    <message>
        <source>mars</source>
        <translation>March</translation>
    </message>
    <message>
        <source>april</source>
        <translation>April</translation>
    </message>
    <message>
        <source>maj</source>
        <translation>May</translation>
    </message>
    <message>
        <source>juni</source>
        <translation>June</translation>
    </message>
    <message>
        <source>juli</source>
        <translation>July</translation>
    </message>
    <message>
        <source>augusti</source>
        <translation>August</translation>
    </message>
    <message>
        <source>september</source>
        <translation>September</translation>
    </message>
    <message>
        <source>oktober</source>
        <translation>October</translation>
    </message>
    <message>
        <source>november</source>
        <translation>November</translation>
    </message>
    <message>
        <source>december</source>
        <translation>December</translation>
    </message>
    <message>
        <source>%(weekday)s %(day)d %(month)s %(year)d kl. %(time)s</source>
        <translation>%(weekday)s %(day)d %(month)s %(year)d at %(time)s</translation>
    </message>
    <message>
        <source>nyss</source>
        <translation>just now</translation>
    </message>
    <message>
        <source>%d min</source>
        <translation>%d min</translation>
    </message>
    <message>
        <source>%d tim</source>
        <translation>%d h</translation>
    </message>
    <message>
        <source>%(days)d d %(hours)d tim</source>
        <translation>%(days)d d %(hours)d h</translation>
    </message>
    <message>
        <source>%d d</source>
        <translation>%d d</translation>
    </message>
    <message>
        <source>för %s sedan</source>
        <translation>%s ago</translation>
    </message>
    <message>
        <source>i dag %s</source>
        <translation>today %s</translation>
    </message>
    <message>
        <source>i går %s</source>
        <translation>yesterday %s</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <source>Vidarebefordra</source>
        <translation>Forward</translation>
    </message>
    <message>
        <source>Frågor utanför din kompetens går till en medarbetare som kan ämnet, eller till rätt instans för diarieföring eller synpunktshantering. Frågan skickas ordagrant med e-post, med länken och ditt namn; svar går till din e-postadress. Den ligger kvar bland frågorna tills någon svarat, och mottagaren påminns när kontots svarstid gått.</source>
        <translation>Questions outside your competence go to a colleague who knows the subject, or to the right body for registration or feedback handling. The question is e-mailed word for word, with the link and your name; replies go to your e-mail address. It stays among the questions until someone has answered, and the recipient is reminded when the account&apos;s response time has passed.</translation>
    </message>
    <message>
        <source>E-postadress till den som kan svara, t.ex. bygg@kommun.se</source>
        <translation>E-mail address of whoever can answer, e.g. bygg@kommun.se</translation>
    </message>
    <message>
        <source>Mottagare</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Meddelande till mottagaren</source>
        <translation>Message to the recipient</translation>
    </message>
    <message>
        <source>Frågor utanför din kompetens går till en medarbetare som kan ämnet, eller till rätt instans för diarieföring eller synpunktshantering.</source>
        <translation>Questions outside your competence go to a colleague who knows the subject, or to the right office for registration or feedback handling.</translation>
    </message>
    <message>
        <source>Till (förvaltning, enhet eller e-postadress)</source>
        <translation>To (department, unit or e-mail address)</translation>
    </message>
</context>
<context>
    <name>HandOverDialog</name>
    <message>
        <source>Lämna över</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>Har du ett privat intresse i det som diskuteras ska någon annan föra dialogen. Posten lämnas över och du kan inte själv avgöra den.</source>
        <translation>If you have a private interest in what is discussed, someone else should conduct the dialogue. The item is handed over and you cannot decide it yourself.</translation>
    </message>
    <message>
        <source>Tar över</source>
        <translation>Taking over</translation>
    </message>
    <message>
        <source>Kontot har ingen annan aktiv administratör att lämna över till. Be förvaltningschefen tilldela kontot en kollega (Inställningar → Administratörer).</source>
        <translation>The account has no other active administrator to hand over to. Ask the head of administration to assign a colleague to the account (Settings → Administrators).</translation>
    </message>
    <message>
        <source>Jäv: privat intresse i frågan.</source>
        <translation>Conflict of interest: private interest in the matter.</translation>
    </message>
    <message>
        <source>Skäl</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Användarnamn på den som tar över</source>
        <translation>User name of the person taking over</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Nästa post</source>
        <translation>Next item</translation>
    </message>
    <message>
        <source>Föregående post</source>
        <translation>Previous item</translation>
    </message>
    <message>
        <source>Ta bort (sparar bevis, diarieför, meddelar)</source>
        <translation>Remove (saves evidence, registers, notifies)</translation>
    </message>
    <message>
        <source>Diarieför utan att ta bort</source>
        <translation>Register without removing</translation>
    </message>
    <message>
        <source>Meddela i tråden</source>
        <translation>Notify in the thread</translation>
    </message>
    <message>
        <source>Behåll (OK)</source>
        <translation>Keep (OK)</translation>
    </message>
    <message>
        <source>Svara</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Vidarebefordra</source>
        <translation>Forward</translation>
    </message>
    <message>
        <source>Lämna över (jäv)</source>
        <translation>Hand over (conflict of interest)</translation>
    </message>
    <message>
        <source>Sök</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Byt kö</source>
        <translation>Switch queue</translation>
    </message>
    <message>
        <source>Skift+klick, Ctrl+A</source>
        <translation>Shift+click, Ctrl+A</translation>
    </message>
    <message>
        <source>Markera flera: åtgärden gäller alla</source>
        <translation>Select several: the action applies to all</translation>
    </message>
    <message>
        <source>Läs in kön igen</source>
        <translation>Reload the queue</translation>
    </message>
    <message>
        <source>I dialogen: bokstav</source>
        <translation>In the dialog: letter</translation>
    </message>
    <message>
        <source>Välj skäl, kriterium eller mall</source>
        <translation>Pick reason, criterion or template</translation>
    </message>
    <message>
        <source>Bekräfta / avbryt</source>
        <translation>Confirm / cancel</translation>
    </message>
    <message>
        <source>I dialogen: Enter / Esc</source>
        <translation>In the dialog: Enter / Esc</translation>
    </message>
    <message>
        <source>Visa eller dölj den här hjälpen</source>
        <translation>Show or hide this help</translation>
    </message>
    <message>
        <source>Kortkommandon</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Tryck valfri tangent för att stänga.</source>
        <translation>Press any key to close.</translation>
    </message>
    <message>
        <source>Rensa sökning och filter</source>
        <translation>Clear the search and filters</translation>
    </message>
    <message>
        <source>Visa eller dölj Händelser (utfallet av åtgärderna)</source>
        <translation>Show or hide Events (the outcomes of your actions)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Ny</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Flaggad</source>
        <translation>Flagged</translation>
    </message>
    <message>
        <source>Behållen</source>
        <translation>Kept</translation>
    </message>
    <message>
        <source>Besvarad</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>Svaret väntar på plattformen</source>
        <translation>Answer waiting for the platform</translation>
    </message>
    <message>
        <source>Diarieförd</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Överlämnad</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>Väntar på plattformen</source>
        <translation>Pending on platform</translation>
    </message>
    <message>
        <source>Tas bort för hand</source>
        <translation>Remove by hand</translation>
    </message>
    <message>
        <source>Borttagen</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>Raderad av författaren</source>
        <translation>Deleted by the author</translation>
    </message>
    <message>
        <source>Gallrad</source>
        <translation>Weeded</translation>
    </message>
    <message>
        <source>Kommunens eget inlägg</source>
        <translation>The municipality&apos;s own post</translation>
    </message>
    <message>
        <source>Vidarebefordrad, inväntar svar</source>
        <translation>Forwarded, awaiting an answer</translation>
    </message>
    <message>
        <source>Nya</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Flaggade</source>
        <translation>Flagged</translation>
    </message>
    <message>
        <source>Frågor som väntar på svar</source>
        <translation>Questions awaiting answer</translation>
    </message>
    <message>
        <source>Avgjorda</source>
        <translation>Decided</translation>
    </message>
    <message>
        <source>Personangrepp eller förolämpning</source>
        <translation>Personal attack or insult</translation>
    </message>
    <message>
        <source>Svordomar eller obscena ord</source>
        <translation>Profanity or obscene words</translation>
    </message>
    <message>
        <source>Reklam eller kommersiellt budskap</source>
        <translation>Advertising or commercial message</translation>
    </message>
    <message>
        <source>Hets mot folkgrupp</source>
        <translation>Incitement against a group</translation>
    </message>
    <message>
        <source>Intrång i upphovsrätt</source>
        <translation>Copyright infringement</translation>
    </message>
    <message>
        <source>Våldsskildring eller pornografi</source>
        <translation>Depiction of violence or pornography</translation>
    </message>
    <message>
        <source>Uppmaning till brott eller hot</source>
        <translation>Incitement to crime or threat</translation>
    </message>
    <message>
        <source>Sekretessbelagda uppgifter eller personuppgifter</source>
        <translation>Confidential information or personal data</translation>
    </message>
    <message>
        <source>Förtal</source>
        <translation>Defamation</translation>
    </message>
    <message>
        <source>Sexistiskt yttrande</source>
        <translation>Sexist statement</translation>
    </message>
    <message>
        <source>Trakasserier</source>
        <translation>Harassment</translation>
    </message>
    <message>
        <source>Annat som strider mot lag</source>
        <translation>Other unlawful content</translation>
    </message>
    <message>
        <source>Personangrepp</source>
        <translation>Personal attack</translation>
    </message>
    <message>
        <source>Svordomar</source>
        <translation>Profanity</translation>
    </message>
    <message>
        <source>Reklam</source>
        <translation>Advertising</translation>
    </message>
    <message>
        <source>Hets</source>
        <translation>Incitement</translation>
    </message>
    <message>
        <source>Upphovsrätt</source>
        <translation>Copyright</translation>
    </message>
    <message>
        <source>Våld/porr</source>
        <translation>Violence/porn</translation>
    </message>
    <message>
        <source>Brott/hot</source>
        <translation>Crime/threat</translation>
    </message>
    <message>
        <source>Personuppgifter</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <source>Sexism</source>
        <translation>Sexism</translation>
    </message>
    <message>
        <source>Olagligt</source>
        <translation>Unlawful</translation>
    </message>
    <message>
        <source>Leder till åtgärd</source>
        <translation>Leads to action</translation>
    </message>
    <message>
        <source>Bedöms bli ett ärende</source>
        <translation>Expected to become a case</translation>
    </message>
    <message>
        <source>Rör ett befintligt ärende</source>
        <translation>Concerns an existing case</translation>
    </message>
    <message>
        <source>Av särskilt intresse</source>
        <translation>Of special interest</translation>
    </message>
    <message>
        <source>Innehåller sekretess</source>
        <translation>Contains confidential information</translation>
    </message>
    <message>
        <source>Ordlista: %s</source>
        <translation>Word list: %s</translation>
    </message>
    <message>
        <source>Personnummer</source>
        <translation>Personal identity number</translation>
    </message>
    <message>
        <source>Samordningsnummer</source>
        <translation>Coordination number</translation>
    </message>
    <message>
        <source>Telefonnummer</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>E-postadress</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <source>Länk</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Politisk fråga</source>
        <translation>Political question</translation>
    </message>
    <message>
        <source>Bevis sparat</source>
        <translation>Evidence saved</translation>
    </message>
    <message>
        <source>Beslut</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Diarieföring</source>
        <translation>Registration</translation>
    </message>
    <message>
        <source>Meddelande</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>Händelse</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Ta bort</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Diarieför</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Meddela</source>
        <translation>Notify</translation>
    </message>
    <message>
        <source>Behåll</source>
        <translation>Keep</translation>
    </message>
    <message>
        <source>Svara</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Vidarebefordra</source>
        <translation>Forward</translation>
    </message>
    <message>
        <source>Lämna över</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>Internwebben</source>
        <translation>Intranet</translation>
    </message>
    <message>
        <source>Annan</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Vidarebefordrad</source>
        <translation>Forwarded</translation>
    </message>
</context>
<context>
    <name>MailSettingsDialog</name>
    <message>
        <source>E-postinställningar</source>
        <translation>E-mail settings</translation>
    </message>
    <message>
        <source>t.ex. smtp.kommun.se (tomt = ingen server)</source>
        <translation>e.g. smtp.kommun.se (empty = no server)</translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (port 587)</translation>
    </message>
    <message>
        <source>SSL/TLS (port 465)</source>
        <translation>SSL/TLS (port 465)</translation>
    </message>
    <message>
        <source>Ingen kryptering</source>
        <translation>No encryption</translation>
    </message>
    <message>
        <source>tomt = ingen inloggning</source>
        <translation>empty = no login</translation>
    </message>
    <message>
        <source>Lösenord</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Kommunikationschefens adress</source>
        <translation>The head of communications&apos; address</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Kryptering:</source>
        <translation>Encryption:</translation>
    </message>
    <message>
        <source>Användarnamn:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>Lösenord:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Avsändare:</source>
        <translation>Sender:</translation>
    </message>
    <message>
        <source>Kommunikationschef:</source>
        <translation>Head of communications:</translation>
    </message>
    <message>
        <source>Spara</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Testa anslutningen</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <source>Ingen nyckelring finns: lösenordet kan inte sparas. Installera och starta gnome-keyring eller KWallet.</source>
        <translation>There is no keyring: the password cannot be saved. Install and start gnome-keyring or KWallet.</translation>
    </message>
    <message>
        <source>sparat i nyckelringen – skriv ett nytt för att byta</source>
        <translation>saved in the keyring – type a new one to replace it</translation>
    </message>
    <message>
        <source>Lösenordet finns i nyckelringen, aldrig i databasen.</source>
        <translation>The password is in the keyring, never in the database.</translation>
    </message>
    <message>
        <source>Lösenordet sparas i nyckelringen, aldrig i databasen.</source>
        <translation>The password is saved in the keyring, never in the database.</translation>
    </message>
    <message>
        <source>Anslutningen till %1 fungerar.</source>
        <translation>The connection to %1 works.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%s – modereringskö</source>
        <translation>%s – moderation queue</translation>
    </message>
    <message>
        <source>Granska, modereringskö</source>
        <translation>Granska, moderation queue</translation>
    </message>
    <message>
        <source>Öppnar databasen…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>Nästa post</source>
        <translation>Next item</translation>
    </message>
    <message>
        <source>Föregående post</source>
        <translation>Previous item</translation>
    </message>
    <message>
        <source>Nästa post (J)</source>
        <translation>Next item (J)</translation>
    </message>
    <message>
        <source>Föregående post (K)</source>
        <translation>Previous item (K)</translation>
    </message>
    <message>
        <source>Sök</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Läs in kön igen</source>
        <translation>Reload the queue</translation>
    </message>
    <message>
        <source>Kortkommandon</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Kortkommandon (?)</source>
        <translation>Keyboard shortcuts (?)</translation>
    </message>
    <message>
        <source>&amp;Arkiv</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Å&amp;tgärd</source>
        <translation>&amp;Action</translation>
    </message>
    <message>
        <source>&amp;Visa</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Ver&amp;ktyg</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>&amp;Inställningar</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>&amp;Hjälp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Avsluta</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>(Inga verktyg än)</source>
        <translation>(No tools yet)</translation>
    </message>
    <message>
        <source>Språk</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Som datorn</source>
        <translation>As the computer</translation>
    </message>
    <message>
        <source>Om Granska</source>
        <translation>About Granska</translation>
    </message>
    <message>
        <source>Åtgärder</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>%d poster markerade. Åtgärderna gäller alla markerade.</source>
        <translation>%d items selected. The actions apply to all of them.</translation>
    </message>
    <message>
        <source>Välj en post i listan för att se hela texten.</source>
        <translation>Select an item in the list to see the full text.</translation>
    </message>
    <message>
        <source>Inga poster i den här kön.</source>
        <translation>No items in this queue.</translation>
    </message>
    <message>
        <source>%d inlästa</source>
        <translation>%d loaded</translation>
    </message>
    <message>
        <source>%d av %d inlästa</source>
        <translation>%d of %d loaded</translation>
    </message>
    <message>
        <source>%1 av %2 inlästa</source>
        <translation>%1 of %2 loaded</translation>
    </message>
    <message>
        <source>%s: %d klara, %d nekade.</source>
        <translation>%s: %d done, %d refused.</translation>
    </message>
    <message>
        <source>%d poster prövades inte.</source>
        <translation>%d items were not tried.</translation>
    </message>
    <message>
        <source>Alla poster kunde inte hanteras:</source>
        <translation>Not every item could be handled:</translation>
    </message>
    <message>
        <source>Språket byts nästa gång Granska startar.</source>
        <translation>The language changes the next time Granska starts.</translation>
    </message>
    <message>
        <source>%s %s
Modereringskonsol för kommunens sociala medier, enligt Riktlinjer för sociala medier (KS/2017:253).</source>
        <translation>%s %s
Moderation console for the municipality&apos;s social media, following the Guidelines for social media (KS/2017:253).</translation>
    </message>
    <message>
        <source>Granskningslogg…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <source>Diarienummer…</source>
        <translation>Registration numbers…</translation>
    </message>
    <message>
        <source>Flaggningsregler…</source>
        <translation>Flagging rules…</translation>
    </message>
    <message>
        <source>Konton…</source>
        <translation>Accounts…</translation>
    </message>
    <message>
        <source>Lägg till post manuellt…</source>
        <translation>Add an item by hand…</translation>
    </message>
    <message>
        <source>Hämtar %s: %d…</source>
        <translation>Fetching %s: %d…</translation>
    </message>
    <message>
        <source>Att göra för hand…</source>
        <translation>To do by hand…</translation>
    </message>
    <message>
        <source>Klart.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <source>Fler åtgärder</source>
        <translation>More actions</translation>
    </message>
</context>
<context>
    <name>ManualEntryDialog</name>
    <message>
        <source>Lägg till post manuellt</source>
        <translation>Add an item by hand</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Länk</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Författare</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Skriven</source>
        <translation>Written</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Spara</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Posten är sparad.</source>
        <translation>The item is saved.</translation>
    </message>
    <message>
        <source>Posten fanns redan och är uppdaterad.</source>
        <translation>The item was already there and is updated.</translation>
    </message>
</context>
<context>
    <name>ModerationActions</name>
    <message>
        <source>Spara bevis, ta bort, diarieför och meddela varför</source>
        <translation>Save evidence, remove, register and say why</translation>
    </message>
    <message>
        <source>Diarieför utan att ta bort</source>
        <translation>Register without removing</translation>
    </message>
    <message>
        <source>Publicera ett meddelande i tråden</source>
        <translation>Post a notice in the thread</translation>
    </message>
    <message>
        <source>Behåll: inget att åtgärda</source>
        <translation>Keep: nothing to do</translation>
    </message>
    <message>
        <source>Svara personligt, gärna kort med länk</source>
        <translation>Answer personally, preferably short with a link</translation>
    </message>
    <message>
        <source>Skicka vidare till rätt förvaltning eller medarbetare</source>
        <translation>Pass on to the right department or colleague</translation>
    </message>
    <message>
        <source>Lämna över vid jäv</source>
        <translation>Hand over on conflict of interest</translation>
    </message>
    <message>
        <source>Välj en post först.</source>
        <translation>Select an item first.</translation>
    </message>
    <message>
        <source>Databasen öppnas. Åtgärden görs när den är öppen.</source>
        <translation>The database is opening. The action will be done when it is open.</translation>
    </message>
    <message>
        <source>Åtgärderna är inte tillgängliga: modereringstjänsten saknas.</source>
        <translation>The actions are not available: the moderation service is missing.</translation>
    </message>
    <message>
        <source>Kanalens ton: %s</source>
        <translation>The channel&apos;s tone: %s</translation>
    </message>
    <message>
        <source>Meddela i tråden</source>
        <translation>Notify in the thread</translation>
    </message>
    <message>
        <source>Publicera</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Svara</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Skicka svar</source>
        <translation>Send answer</translation>
    </message>
    <message>
        <source>Behålla %d poster? Inget görs på plattformen.</source>
        <translation>Keep %d items? Nothing is done on the platform.</translation>
    </message>
    <message>
        <source>%s: %d poster…</source>
        <translation>%s: %d items…</translation>
    </message>
    <message>
        <source>Behåll</source>
        <translation>Keep</translation>
    </message>
</context>
<context>
    <name>OfflineMode</name>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>okänd tid</source>
        <translation>unknown time</translation>
    </message>
    <message>
        <source>Offline – arbetar på lokal kopia från %s; beslut skickas när databasen nås igen.</source>
        <translation>Offline – working on the local copy from %s; decisions are sent when the database can be reached again.</translation>
    </message>
    <message>
        <source>Ansluten till teamdatabasen igen: %d beslut skickade, %d i konflikt.</source>
        <translation>Connected to the team database again: %d decisions sent, %d in conflict.</translation>
    </message>
    <message>
        <source>Post %d: ditt beslut (%s) är sparat som konflikt; %s</source>
        <translation>Item %d: your decision (%s) is kept as a conflict; %s</translation>
    </message>
    <message>
        <source>Konflikter</source>
        <translation>Conflicts</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Förhandsgranska skärmdumpen</source>
        <translation>Preview the screenshot</translation>
    </message>
    <message>
        <source>Skärmdumpen</source>
        <translation>The screenshot</translation>
    </message>
    <message>
        <source>%1 × %2 bildpunkter</source>
        <translation>%1 × %2 pixels</translation>
    </message>
    <message>
        <source>Årlig dokumentation</source>
        <translation>Annual documentation</translation>
    </message>
    <message>
        <source>Stor förändring</source>
        <translation>Major change</translation>
    </message>
    <message>
        <source>Anteckning (frivillig), t.ex. vad som ändrats</source>
        <translation>Note (optional), e.g. what has changed</translation>
    </message>
    <message>
        <source>Spara</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Ta om</source>
        <translation>Retake</translation>
    </message>
    <message>
        <source>⚠ Bilden är helt svart: kontosidan öppnades aldrig, ingen webbläsare tog emot adressen. Öppna sidan igen, eller öppna den själv i webbläsaren och välj området för hand. Den svarta bilden kan inte sparas.</source>
        <translation>⚠ The picture is all black: the account page never opened, no web browser took the address. Open the page again, or open it yourself in the browser and pick the region by hand. The black picture cannot be saved.</translation>
    </message>
    <message>
        <source>Öppna sidan igen</source>
        <translation>Open the page again</translation>
    </message>
    <message>
        <source>Välj område för hand</source>
        <translation>Pick the region by hand</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>⚠ Bilden är helt svart: skärmen gick inte att läsa (låst skärm eller ett Wayland-skrivbord). Den kan inte sparas.</source>
        <translation>⚠ The picture is entirely black: the screen could not be read (a locked screen or a Wayland desktop). It cannot be saved.</translation>
    </message>
    <message>
        <source>Skäl:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Anteckning:</source>
        <translation>Note:</translation>
    </message>
</context>
<context>
    <name>ProgressIndicator</name>
    <message>
        <source>Förlopp</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Avbryt pågående arbete</source>
        <translation>Cancel the work in progress</translation>
    </message>
    <message>
        <source>%s (och %d till)</source>
        <translation>%s (and %d more)</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Köer</source>
        <translation>Queues</translation>
    </message>
    <message>
        <source>Posterna i kön</source>
        <translation>The items in the queue</translation>
    </message>
    <message>
        <source>%d poster i kön med nuvarande filter</source>
        <translation>%d items in the queue with the current filters</translation>
    </message>
    <message>
        <source>Fler än %1 poster i kön med nuvarande sökning</source>
        <translation>More than %1 items in the queue with the current search</translation>
    </message>
</context>
<context>
    <name>RecordsViews</name>
    <message>
        <source>Arkiv (sparade poster)…</source>
        <translation>Archive (saved items)…</translation>
    </message>
    <message>
        <source>Exportera borttagningsloggen till Excel…</source>
        <translation>Export the removal log to Excel…</translation>
    </message>
    <message>
        <source>Läs in diarienummer från Excel…</source>
        <translation>Read case numbers from Excel…</translation>
    </message>
    <message>
        <source>Konflikter från offlinearbete…</source>
        <translation>Conflicts from offline work…</translation>
    </message>
    <message>
        <source>Skärmdumpar av kontosidorna…</source>
        <translation>Screenshots of the account pages…</translation>
    </message>
    <message>
        <source>E-post…</source>
        <translation>E-mail…</translation>
    </message>
    <message>
        <source>Skärmdump behövs: %s</source>
        <translation>Screenshot due: %s</translation>
    </message>
    <message>
        <source> och %d till</source>
        <translation> and %d more</translation>
    </message>
    <message>
        <source>Påminnelse om skärmdumpar</source>
        <translation>Screenshot reminder</translation>
    </message>
    <message>
        <source>Verktyg → Skärmdumpar av kontosidorna</source>
        <translation>Tools → Screenshots of the account pages</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <source>Välj område</source>
        <translation>Choose an area</translation>
    </message>
    <message>
        <source>Dra en rektangel runt det som ska med; Esc avbryter</source>
        <translation>Drag a rectangle around what to include; Esc cancels</translation>
    </message>
    <message>
        <source>Dra en rektangel runt kontosidan. Esc avbryter.</source>
        <translation>Drag a rectangle around the account page. Esc cancels.</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Diarieför</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Diarieför %d poster</source>
        <translation>Register %d items</translation>
    </message>
    <message>
        <source>Varför diarieförs posten? (tryck bokstaven)</source>
        <translation>Why is the item registered? (press the letter)</translation>
    </message>
    <message>
        <source>Skäl för diarieföring</source>
        <translation>Reason for registration</translation>
    </message>
    <message>
        <source>Motivering</source>
        <translation>Motivation</translation>
    </message>
    <message>
        <source>Diarienummer för det befintliga ärendet, t.ex. KS/2026:12</source>
        <translation>Case number of the existing case, e.g. KS/2026:12</translation>
    </message>
    <message>
        <source>Diarienummer</source>
        <translation>Case number</translation>
    </message>
</context>
<context>
    <name>RemoveDialog</name>
    <message>
        <source>ingen flagga</source>
        <translation>no flag</translation>
    </message>
    <message>
        <source>Ta bort</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Ta bort %d poster</source>
        <translation>Remove %d items</translation>
    </message>
    <message>
        <source>Markerade poster och deras flaggor</source>
        <translation>Selected items and their flags</translation>
    </message>
    <message>
        <source>Markerade poster</source>
        <translation>Selected items</translation>
    </message>
    <message>
        <source>Markeringen blandar flaggade poster med poster utan flagga. Ta bort dem var för sig, eller markera bara poster med en flagga, så att ingen får fel skäl.</source>
        <translation>The selection mixes flagged items with items without a flag. Remove them one by one, or select only flagged items, so that none gets the wrong reason.</translation>
    </message>
    <message>
        <source>Posterna är flaggade för olika skäl: var och en tas bort med sin egen flaggas skäl, motivering och meddelande.</source>
        <translation>The items are flagged for different reasons: each is removed with its own flag&apos;s reason, motivation and notice.</translation>
    </message>
    <message>
        <source>Skäl (tryck bokstaven)</source>
        <translation>Reason (press the letter)</translation>
    </message>
    <message>
        <source>Skäl för borttagning</source>
        <translation>Reason for removal</translation>
    </message>
    <message>
        <source>Motivering till diariet</source>
        <translation>Motivation for the register</translation>
    </message>
    <message>
        <source>Motivering</source>
        <translation>Motivation</translation>
    </message>
    <message>
        <source>Offentligt meddelande i tråden</source>
        <translation>Public notice in the thread</translation>
    </message>
    <message>
        <source>Offentligt meddelande som publiceras</source>
        <translation>Public notice to be posted</translation>
    </message>
    <message>
        <source>Dölj på plattformen (kan ångras)</source>
        <translation>Hide on the platform (can be undone)</translation>
    </message>
    <message>
        <source>Radera på plattformen där det går</source>
        <translation>Delete on the platform where possible</translation>
    </message>
    <message>
        <source>Misstänkt brott: närmaste chef får ett mejl för polisanmälan.</source>
        <translation>Suspected crime: the nearest manager gets an e-mail for a police report.</translation>
    </message>
    <message>
        <source>Kommentaren sparas som bevis innan något annat händer. Borttagningen diarieförs med motiveringen, och det offentliga meddelandet köas i tråden.</source>
        <translation>The comment is saved as evidence before anything else happens. The removal is registered with the motivation, and the public notice is queued in the thread.</translation>
    </message>
    <message>
        <source>Kommentaren sparas som bevis innan något annat händer. Borttagningen diarieförs med motiveringen och ett offentligt meddelande om varför köas i tråden.</source>
        <translation>The comment is saved as evidence before anything else happens. The removal is registered with the motivation, and a public notice saying why is queued in the thread.</translation>
    </message>
</context>
<context>
    <name>RowLook</name>
    <message>
        <source>Mottagen</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Väntat</source>
        <translation>Waited</translation>
    </message>
    <message>
        <source>Kanal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Författare</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Flaggor</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>När kommentaren skrevs. Klicka för att vända ordningen.</source>
        <translation>When the comment was written. Click to reverse the order.</translation>
    </message>
    <message>
        <source>Hur länge posten har väntat på ett beslut.</source>
        <translation>How long the item has waited for a decision.</translation>
    </message>
    <message>
        <source>Plattform och konto</source>
        <translation>Platform and account</translation>
    </message>
    <message>
        <source>Den som skrev</source>
        <translation>Who wrote it</translation>
    </message>
    <message>
        <source>Början av texten; hela texten visas till höger</source>
        <translation>The beginning of the text; the full text is on the right</translation>
    </message>
    <message>
        <source>Vad flaggningen hittade och vilket skäl den föreslår</source>
        <translation>What the flagging found and which reason it suggests</translation>
    </message>
    <message>
        <source>Var posten står i arbetsflödet</source>
        <translation>Where the item is in the workflow</translation>
    </message>
    <message>
        <source>Fråga</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>En fråga som har väntat på svar i mer än ett dygn.</source>
        <translation>A question that has waited more than a day for an answer.</translation>
    </message>
    <message>
        <source>Föreslaget skäl: %s</source>
        <translation>Suggested reason: %s</translation>
    </message>
    <message>
        <source>Texten innehåller en fråga.</source>
        <translation>The text contains a question.</translation>
    </message>
    <message>
        <source>%s, försenad: en fråga som har väntat mer än ett dygn</source>
        <translation>%s, overdue: a question that has waited more than a day</translation>
    </message>
    <message>
        <source>Inga flaggor</source>
        <translation>No flags</translation>
    </message>
    <message>
        <source>försenad %s</source>
        <translation>overdue %s</translation>
    </message>
    <message>
        <source>%s kvar</source>
        <translation>%s left</translation>
    </message>
    <message>
        <source>Frågan har väntat längre än kontots svarslöfte.</source>
        <translation>The question has waited longer than the account&apos;s response promise.</translation>
    </message>
    <message>
        <source>Frågan blir snart försenad enligt kontots svarslöfte.</source>
        <translation>The question will soon be overdue by the account&apos;s response promise.</translation>
    </message>
</context>
<context>
    <name>RuleTester</name>
    <message>
        <source>Ordlista</source>
        <translation>Word list</translation>
    </message>
    <message>
        <source>Ordlistans poster</source>
        <translation>The word list&apos;s entries</translation>
    </message>
    <message>
        <source>Ett ord eller en fras per rad. ord* = början av ord, =ord = exakt.</source>
        <translation>One word or phrase per line. word* = start of a word, =word = exactly.</translation>
    </message>
    <message>
        <source>Spara listan</source>
        <translation>Save the list</translation>
    </message>
    <message>
        <source>Återställ standardlistan</source>
        <translation>Restore the default list</translation>
    </message>
    <message>
        <source>Ordlistor</source>
        <translation>Word lists</translation>
    </message>
    <message>
        <source>Ny post att prova</source>
        <translation>New entry to try</translation>
    </message>
    <message>
        <source>t.ex. rötägg (valfritt)</source>
        <translation>e.g. rötägg (optional)</translation>
    </message>
    <message>
        <source>Text att testa</source>
        <translation>Text to test</translation>
    </message>
    <message>
        <source>Klistra in en kommentar här.</source>
        <translation>Paste a comment here.</translation>
    </message>
    <message>
        <source>Vad texten flaggas för</source>
        <translation>What the text is flagged for</translation>
    </message>
    <message>
        <source>Testa regel</source>
        <translation>Test rule</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source>Ny post:</source>
        <translation>New entry:</translation>
    </message>
    <message>
        <source>Resultat:</source>
        <translation>Result:</translation>
    </message>
    <message>
        <source>Politiska frågor</source>
        <translation>Political questions</translation>
    </message>
    <message>
        <source>Undantag (flaggas aldrig)</source>
        <translation>Exceptions (never flagged)</translation>
    </message>
    <message>
        <source>Ändrad av kommunen</source>
        <translation>Edited by the municipality</translation>
    </message>
    <message>
        <source>Standardlistan</source>
        <translation>The default list</translation>
    </message>
    <message>
        <source>Ingen regel slår till.</source>
        <translation>No rule matches.</translation>
    </message>
    <message>
        <source>ingen</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Föreslaget skäl: %1.</source>
        <translation>Suggested reason: %1.</translation>
    </message>
    <message>
        <source>Förslag för posten: %1 (%2).</source>
        <translation>Suggestion for the item: %1 (%2).</translation>
    </message>
    <message>
        <source>Texten innehåller en fråga.</source>
        <translation>The text contains a question.</translation>
    </message>
    <message>
        <source>Posten «%1» täcker: %2</source>
        <translation>The entry «%1» covers: %2</translation>
    </message>
    <message>
        <source>Den träffar i texten: %1</source>
        <translation>It matches in the text: %1</translation>
    </message>
    <message>
        <source>Den träffar inget i texten.</source>
        <translation>It matches nothing in the text.</translation>
    </message>
</context>
<context>
    <name>ScreenshotsView</name>
    <message>
        <source>Skärmdumpar av kontosidorna</source>
        <translation>Screenshots of the account pages</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Plattform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Senast</source>
        <translation>Latest</translation>
    </message>
    <message>
        <source>Nästa</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Läge</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Konton och när de ska fotograferas</source>
        <translation>Accounts and when they are to be photographed</translation>
    </message>
    <message>
        <source>Ta skärmdump…</source>
        <translation>Take screenshot…</translation>
    </message>
    <message>
        <source>Intervall…</source>
        <translation>Interval…</translation>
    </message>
    <message>
        <source>Hur ofta kontot ska fotograferas (365 dagar = en gång per år)</source>
        <translation>How often the account is to be photographed (365 days = once a year)</translation>
    </message>
    <message>
        <source>Konto i galleriet</source>
        <translation>Account in the gallery</translation>
    </message>
    <message>
        <source>År i galleriet</source>
        <translation>Year in the gallery</translation>
    </message>
    <message>
        <source>Skärmdumpar</source>
        <translation>Screenshots</translation>
    </message>
    <message>
        <source>Exportera…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Skicka till kommunikationschefen…</source>
        <translation>Send to the head of communications…</translation>
    </message>
    <message>
        <source>Årets samlingsakt…</source>
        <translation>The year&apos;s collected record…</translation>
    </message>
    <message>
        <source>Välj ett år: bilderna, deras JSON-filer och en sammanställning för registrator sparas i en mapp.</source>
        <translation>Choose a year: the pictures, their JSON files and a summary for the registrar are saved in a folder.</translation>
    </message>
    <message>
        <source>E-postinställningar…</source>
        <translation>E-mail settings…</translation>
    </message>
    <message>
        <source>Konto:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>År:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>aldrig</source>
        <translation>never</translation>
    </message>
    <message numerus="yes">
        <source>försenad %n dagar</source>
        <translation>
            <numerusform>%n day late</numerusform>
            <numerusform>%n days late</numerusform>
        </translation>
    </message>
    <message>
        <source>ska tas i dag</source>
        <translation>due today</translation>
    </message>
    <message numerus="yes">
        <source>om %n dagar</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n konton ska fotograferas nu (försenade först).</source>
        <translation>
            <numerusform>%n account is to be photographed now (late ones first).</numerusform>
            <numerusform>%n accounts are to be photographed now (late ones first).</numerusform>
        </translation>
    </message>
    <message>
        <source>Alla konton har en aktuell skärmdump.</source>
        <translation>Every account has a current screenshot.</translation>
    </message>
    <message>
        <source>Alla konton</source>
        <translation>All accounts</translation>
    </message>
    <message>
        <source>Alla år</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>skickad</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>ej skickad</source>
        <translation>not sent</translation>
    </message>
    <message>
        <source>årlig</source>
        <translation>annual</translation>
    </message>
    <message>
        <source>förändring</source>
        <translation>change</translation>
    </message>
    <message numerus="yes">
        <source>%n skärmdumpar valda</source>
        <translation>
            <numerusform>%n screenshot selected</numerusform>
            <numerusform>%n screenshots selected</numerusform>
        </translation>
    </message>
    <message>
        <source>Skickad %1 till %2</source>
        <translation>Sent %1 to %2</translation>
    </message>
    <message>
        <source>Inte skickad till kommunikationschefen ännu.</source>
        <translation>Not sent to the head of communications yet.</translation>
    </message>
    <message>
        <source>Intervall för %1</source>
        <translation>Interval for %1</translation>
    </message>
    <message>
        <source>Dagar mellan skärmdumparna (365 = en gång per år):</source>
        <translation>Days between the screenshots (365 = once a year):</translation>
    </message>
    <message>
        <source>Skärmdumpen av %1 är sparad.</source>
        <translation>The screenshot of %1 is saved.</translation>
    </message>
    <message>
        <source>Exportera till mapp</source>
        <translation>Export to a folder</translation>
    </message>
    <message numerus="yes">
        <source>%n skärmdumpar exporterade.</source>
        <translation>
            <numerusform>%n screenshot exported.</numerusform>
            <numerusform>%n screenshots exported.</numerusform>
        </translation>
    </message>
    <message>
        <source>Spara årets samlingsakt i mapp</source>
        <translation>Save the year&apos;s collected record in a folder</translation>
    </message>
    <message>
        <source>Samlingsakten är sparad: %1</source>
        <translation>The collected record is saved: %1</translation>
    </message>
</context>
<context>
    <name>SendScreenshotsDialog</name>
    <message>
        <source>Skicka skärmdumpar till kommunikationschefen</source>
        <translation>Send screenshots to the head of communications</translation>
    </message>
    <message>
        <source>kommunikationschefens e-postadress</source>
        <translation>the head of communications&apos; e-mail address</translation>
    </message>
    <message>
        <source>Mottagare</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Notera som skickad när .eml-filen är sparad</source>
        <translation>Note as sent when the .eml file is saved</translation>
    </message>
    <message>
        <source>Skicka</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Spara som .eml…</source>
        <translation>Save as .eml…</translation>
    </message>
    <message>
        <source>Bifogas:</source>
        <translation>Attached:</translation>
    </message>
    <message>
        <source>Till:</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>Skickas via e-postservern i inställningarna.</source>
        <translation>Sent through the e-mail server in the settings.</translation>
    </message>
    <message>
        <source>Ingen e-postserver är inställd. Spara som .eml och skicka från ditt e-postprogram, eller ställ in servern under E-postinställningar.</source>
        <translation>No e-mail server is set up. Save as .eml and send it from your e-mail program, or set up the server under E-mail settings.</translation>
    </message>
    <message>
        <source>Spara e-postmeddelande</source>
        <translation>Save e-mail message</translation>
    </message>
    <message>
        <source>E-post (*.eml)</source>
        <translation>E-mail (*.eml)</translation>
    </message>
    <message>
        <source>Sparat %1.</source>
        <translation>Saved %1.</translation>
    </message>
    <message>
        <source>Noterad som skickad till %1.</source>
        <translation>Noted as sent to %1.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Databasen var skadad och flyttades undan: %s (kvittera med granska db moved-aside --ack)</source>
        <translation>The database was damaged and moved aside: %s (acknowledge with granska db moved-aside --ack)</translation>
    </message>
    <message>
        <source>Öppnar databasen…</source>
        <translation>Opening the database…</translation>
    </message>
</context>
<context>
    <name>SyncScheduler</name>
    <message>
        <source>Hämtat: %1 nya, %2 uppdaterade, %3 raderade av författaren.</source>
        <translation>Fetched: %1 new, %2 updated, %3 deleted by their authors.</translation>
    </message>
    <message>
        <source>Synka nu</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Hämta nya och ändrade kommentarer från plattformarna</source>
        <translation>Fetch new and changed comments from the platforms</translation>
    </message>
    <message>
        <source>Hämtar kommentarer…</source>
        <translation>Fetching comments…</translation>
    </message>
</context>
<context>
    <name>TaskManager</name>
    <message>
        <source>Ett fel i Granska (%1: %2). Inget har sparats halvvägs.</source>
        <translation>An error in Granska (%1: %2). Nothing has been saved half-way.</translation>
    </message>
    <message>
        <source>Ett oväntat fel inträffade i Granska. Ingenting har gått förlorat; skicka gärna detaljerna till den som sköter Granska.</source>
        <translation>An unexpected error occurred in Granska. Nothing has been lost; please send the details to whoever looks after Granska.</translation>
    </message>
</context>
<context>
    <name>TeamState</name>
    <message>
        <source>administratör</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>registrator</source>
        <translation>registrar</translation>
    </message>
    <message>
        <source>kommunikationschef</source>
        <translation>head of communications</translation>
    </message>
    <message>
        <source>förvaltningschef</source>
        <translation>head of administration</translation>
    </message>
    <message>
        <source>databasens ägare</source>
        <translation>database owner</translation>
    </message>
    <message>
        <source>Inloggad som</source>
        <translation>Signed in as</translation>
    </message>
    <message>
        <source>inga</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Inloggad som %1 i databasen (%2). Dina konton: %3</source>
        <translation>Signed in as %1 in the database (%2). Your accounts: %3</translation>
    </message>
    <message>
        <source>Du administrerar inte %1 och kan bara läsa posten.</source>
        <translation>You do not administer %1 and can only read the item.</translation>
    </message>
</context>
<context>
    <name>TeamViews</name>
    <message>
        <source>Administratörer…</source>
        <translation>Administrators…</translation>
    </message>
</context>
<context>
    <name>TemplateTextDialog</name>
    <message>
        <source>Mall (tryck bokstaven)</source>
        <translation>Template (press the letter)</translation>
    </message>
    <message>
        <source>Mallar</source>
        <translation>Templates</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Text som publiceras</source>
        <translation>Text to be posted</translation>
    </message>
    <message>
        <source>Kort svar med länk</source>
        <translation>Short answer with a link</translation>
    </message>
    <message>
        <source>Tack</source>
        <translation>Thanks</translation>
    </message>
    <message>
        <source>Skickat vidare</source>
        <translation>Passed on</translation>
    </message>
    <message>
        <source>Kontakta oss</source>
        <translation>Contact us</translation>
    </message>
    <message>
        <source>Hänvisning av politisk fråga</source>
        <translation>Referral of a political question</translation>
    </message>
</context>
<context>
    <name>Translations</name>
    <message>
        <source>sv</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>CapabilityTable</name>
    <message>
        <source>Plattform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Dölja</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>Radera</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Svara</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Inloggning</source>
        <translation>Sign-in</translation>
    </message>
    <message>
        <source>Vad plattformen tillåter</source>
        <translation>What the platform allows</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>nej</source>
        <translation>no</translation>
    </message>
    <message>
        <source>i webbläsaren (PKCE)</source>
        <translation>in the browser (PKCE)</translation>
    </message>
    <message>
        <source>Facebook Login (egen app)</source>
        <translation>Facebook Login (own app)</translation>
    </message>
    <message>
        <source>inklistrad token</source>
        <translation>pasted token</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <source>Logga in hos plattformen</source>
        <translation>Sign in at the platform</translation>
    </message>
    <message>
        <source>Öppnar plattformens inloggningssida i webbläsaren; Granska tar emot svaret på den här datorn.</source>
        <translation>Opens the platform&apos;s sign-in page in the browser; Granska receives the answer on this computer.</translation>
    </message>
    <message>
        <source>Avbryt inloggningen</source>
        <translation>Cancel the sign-in</translation>
    </message>
    <message>
        <source>Kontrollerar inloggningen…</source>
        <translation>Checking the sign-in…</translation>
    </message>
    <message>
        <source>Kontot hämtas inte från någon plattform.</source>
        <translation>The account is not fetched from any platform.</translation>
    </message>
    <message>
        <source>ingen inloggning</source>
        <translation>no sign-in</translation>
    </message>
    <message>
        <source>inklistrad token</source>
        <translation>pasted token</translation>
    </message>
    <message>
        <source>inloggning hos plattformen</source>
        <translation>signed in at the platform</translation>
    </message>
    <message>
        <source>Åtkomst: %s</source>
        <translation>Access: %s</translation>
    </message>
    <message>
        <source>okänt (eller aldrig)</source>
        <translation>unknown (or never)</translation>
    </message>
    <message>
        <source>Giltig till: %s</source>
        <translation>Valid until: %s</translation>
    </message>
    <message>
        <source>Förnyas automatiskt: %s</source>
        <translation>Renewed automatically: %s</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>nej</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Senaste lyckade anrop: %s</source>
        <translation>Last successful call: %s</translation>
    </message>
    <message>
        <source>inget ännu</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Behörigheter: %s</source>
        <translation>Scopes: %s</translation>
    </message>
    <message>
        <source>Plattformen har ingen inloggning från skrivbordet; spara en token.</source>
        <translation>The platform has no sign-in from the desktop; save a token.</translation>
    </message>
    <message>
        <source>Förbereder inloggningen…</source>
        <translation>Preparing the sign-in…</translation>
    </message>
    <message>
        <source>Logga in i webbläsaren som öppnades och godkänn Granska; fönstret väntar på svaret.</source>
        <translation>Sign in in the browser that opened and approve Granska; the window waits for the answer.</translation>
    </message>
    <message>
        <source>Väntar på inloggningen i webbläsaren…</source>
        <translation>Waiting for the sign-in in the browser…</translation>
    </message>
    <message>
        <source>Inloggningen avbröts; inget sparades.</source>
        <translation>The sign-in was cancelled; nothing was saved.</translation>
    </message>
    <message>
        <source> (sidan %s)</source>
        <translation> (the page %s)</translation>
    </message>
    <message>
        <source>Inloggad hos plattformen%s; token är sparad.</source>
        <translation>Signed in at the platform%s; the token is saved.</translation>
    </message>
    <message>
        <source>Plattformar</source>
        <translation>Platforms</translation>
    </message>
    <message>
        <source>Klient-id hos plattformen</source>
        <translation>Client id at the platform</translation>
    </message>
    <message>
        <source>Krävs av Meta (App Secret); visas inte</source>
        <translation>Required by Meta (App Secret); not shown</translation>
    </message>
    <message>
        <source>Klienthemlighet (visas inte)</source>
        <translation>Client secret (not shown)</translation>
    </message>
    <message>
        <source>Spara klientuppgifter</source>
        <translation>Save client details</translation>
    </message>
    <message>
        <source>Klient-id</source>
        <translation>Client id</translation>
    </message>
    <message>
        <source>Klienthemlighet</source>
        <translation>Client secret</translation>
    </message>
    <message>
        <source>Klientuppgifterna är sparade.</source>
        <translation>The client details are saved.</translation>
    </message>
</context>
<context>
    <name>TokenWarning</name>
    <message>
        <source>⚠ Inloggning behöver åtgärdas: %s</source>
        <translation>⚠ Sign-in needs attention: %s</translation>
    </message>
    <message>
        <source> och %d till</source>
        <translation> and %d more</translation>
    </message>
    <message>
        <source>Varning om plattformsinloggning</source>
        <translation>Warning about a platform sign-in</translation>
    </message>
</context>
<context>
    <name>AuditText</name>
    <message>
        <source>lista</source>
        <translation>list</translation>
    </message>
    <message>
        <source>skäl</source>
        <translation>reason</translation>
    </message>
    <message>
        <source>kriterium</source>
        <translation>criterion</translation>
    </message>
    <message>
        <source>sätt</source>
        <translation>mode</translation>
    </message>
    <message>
        <source>till</source>
        <translation>to</translation>
    </message>
    <message>
        <source>antal</source>
        <translation>count</translation>
    </message>
    <message>
        <source>äldre än dagar</source>
        <translation>older than days</translation>
    </message>
    <message>
        <source>diarienummer</source>
        <translation>case number</translation>
    </message>
    <message>
        <source>fel</source>
        <translation>error</translation>
    </message>
    <message>
        <source>från</source>
        <translation>from</translation>
    </message>
    <message>
        <source>rad</source>
        <translation>row</translation>
    </message>
    <message>
        <source>dölj</source>
        <translation>hide</translation>
    </message>
    <message>
        <source>radera</source>
        <translation>delete</translation>
    </message>
    <message>
        <source>Borttagning beslutad</source>
        <translation>Removal decided</translation>
    </message>
    <message>
        <source>Diarieförd</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Diarienummer satt</source>
        <translation>Case number set</translation>
    </message>
    <message>
        <source>Godkänd</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Besvarad</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>Vidarebefordrad</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <source>Överlämnad (jäv)</source>
        <translation>Handed over (conflict of interest)</translation>
    </message>
    <message>
        <source>Meddelande köat</source>
        <translation>Notice queued</translation>
    </message>
    <message>
        <source>Borttagen på plattformen</source>
        <translation>Removed on the platform</translation>
    </message>
    <message>
        <source>Plattformen svarade med fel</source>
        <translation>The platform answered with an error</translation>
    </message>
    <message>
        <source>E-posten kunde inte skickas</source>
        <translation>The e-mail could not be sent</translation>
    </message>
    <message>
        <source>Ska tas bort för hand</source>
        <translation>To be removed by hand</translation>
    </message>
    <message>
        <source>Bekräftad borttagen för hand</source>
        <translation>Confirmed removed by hand</translation>
    </message>
    <message>
        <source>Meddelande publicerat</source>
        <translation>Notice posted</translation>
    </message>
    <message>
        <source>Meddelande ska publiceras för hand</source>
        <translation>Notice to be posted by hand</translation>
    </message>
    <message>
        <source>E-post till chef skickad</source>
        <translation>E-mail to manager sent</translation>
    </message>
    <message>
        <source>Eskalering köad</source>
        <translation>Escalation queued</translation>
    </message>
    <message>
        <source>E-post till chef misslyckades</source>
        <translation>E-mail to manager failed</translation>
    </message>
    <message>
        <source>Avbrutet steg återupptaget</source>
        <translation>Interrupted step resumed</translation>
    </message>
    <message>
        <source>Gallring</source>
        <translation>Weeding</translation>
    </message>
    <message>
        <source>Ordlista ändrad</source>
        <translation>Word list changed</translation>
    </message>
    <message>
        <source>Poster förseglade i loggen (uppgradering)</source>
        <translation>Records sealed in the log (upgrade)</translation>
    </message>
    <message>
        <source>Raderad eller återställd av skribenten</source>
        <translation>Deleted or restored by the author</translation>
    </message>
    <message>
        <source>Skärmdump sparad</source>
        <translation>Screenshot saved</translation>
    </message>
    <message>
        <source>Skärmdump skickad</source>
        <translation>Screenshot sent</translation>
    </message>
    <message>
        <source>Konto tillagt</source>
        <translation>Account added</translation>
    </message>
    <message>
        <source>Konto ändrat</source>
        <translation>Account changed</translation>
    </message>
    <message>
        <source>Administratör tillagd</source>
        <translation>Administrator added</translation>
    </message>
    <message>
        <source>Administratör ändrad</source>
        <translation>Administrator changed</translation>
    </message>
    <message>
        <source>Administratör kopplad till konto</source>
        <translation>Administrator assigned to account</translation>
    </message>
    <message>
        <source>Administratör borttagen från konto</source>
        <translation>Administrator removed from account</translation>
    </message>
    <message>
        <source>Roller ändrade</source>
        <translation>Roles changed</translation>
    </message>
    <message>
        <source>Administratör avaktiverad</source>
        <translation>Administrator deactivated</translation>
    </message>
    <message>
        <source>Nekad: rollen tillåter inte åtgärden</source>
        <translation>Refused: the role does not allow the action</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>post %d</source>
        <translation>item %d</translation>
    </message>
    <message>
        <source>%s: %d klara, %d nekade.</source>
        <translation>%s: %d done, %d refused.</translation>
    </message>
    <message>
        <source>Kunde inte hanteras:</source>
        <translation>Could not be handled:</translation>
    </message>
    <message>
        <source>okänt skäl</source>
        <translation>unknown reason</translation>
    </message>
    <message>
        <source>%d poster prövades inte (arbetet avbröts).</source>
        <translation>%d items were not tried (the work was cancelled).</translation>
    </message>
    <message>
        <source>Se Händelser (%s).</source>
        <translation>See Events (%s).</translation>
    </message>
    <message>
        <source>Händelser</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>Händelser: utfallet av åtgärderna</source>
        <translation>Events: the outcomes of the actions</translation>
    </message>
    <message>
        <source>Öppna länken</source>
        <translation>Open the link</translation>
    </message>
    <message>
        <source>Töm listan</source>
        <translation>Clear the list</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <source>okänt</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Poster per månad och kanal</source>
        <translation>Items per month and channel</translation>
    </message>
    <message>
        <source>Poster</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Borttagna kommentarer per skäl</source>
        <translation>Removed comments per reason</translation>
    </message>
    <message>
        <source>Borttagna</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>Antal</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Svarstid mot löftet (timmar bevakningstid)</source>
        <translation>Response time against the promise (watched hours)</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>90:e percentilen</source>
        <translation>90th percentile</translation>
    </message>
    <message>
        <source>Löfte</source>
        <translation>Promise</translation>
    </message>
    <message>
        <source>Timmar</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Statistik och årsrapport…</source>
        <translation>Statistics and yearly report…</translation>
    </message>
    <message>
        <source>Statistik</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>Från</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Alla konton</source>
        <translation>All accounts</translation>
    </message>
    <message>
        <source>Visa</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Årsrapport (PDF eller Excel)…</source>
        <translation>Yearly report (PDF or Excel)…</translation>
    </message>
    <message>
        <source>till</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Läge</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Kanal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Frågor</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>Besvarade</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>Median (h)</source>
        <translation>Median (h)</translation>
    </message>
    <message>
        <source>Median bevakningstid (h)</source>
        <translation>Median watched time (h)</translation>
    </message>
    <message>
        <source>90:e percentil (h)</source>
        <translation>90th percentile (h)</translation>
    </message>
    <message>
        <source>Inom löftet</source>
        <translation>Within promise</translation>
    </message>
    <message>
        <source>Väntar</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Försenade</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Diarieförda</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Vidarebefordrade</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <source>Överlämnade</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>Steg som väntar</source>
        <translation>Pending steps</translation>
    </message>
    <message>
        <source>Skärmdumpar</source>
        <translation>Screenshots</translation>
    </message>
    <message>
        <source>Nästa skärmdump</source>
        <translation>Next screenshot</translation>
    </message>
    <message>
        <source>Administratörer</source>
        <translation>Administrators</translation>
    </message>
    <message>
        <source>Månad</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Skäl</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Löfte (h)</source>
        <translation>Promise (h)</translation>
    </message>
    <message>
        <source>Administratör</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Beslut</source>
        <translation>Decisions</translation>
    </message>
    <message>
        <source>Besvarade frågor</source>
        <translation>Answered questions</translation>
    </message>
    <message>
        <source>Per konto</source>
        <translation>Per account</translation>
    </message>
    <message>
        <source>Volym per månad</source>
        <translation>Volume per month</translation>
    </message>
    <message>
        <source>Borttagna per skäl</source>
        <translation>Removed per reason</translation>
    </message>
    <message>
        <source>Svarstider mot löftet</source>
        <translation>Response times against the promise</translation>
    </message>
    <message>
        <source>Per administratör</source>
        <translation>Per administrator</translation>
    </message>
    <message>
        <source>Diagram kräver QtCharts (PySide6-Addons); siffrorna står i tabellen.</source>
        <translation>Charts need QtCharts (PySide6-Addons); the figures are in the table.</translation>
    </message>
    <message>
        <source>Räknar …</source>
        <translation>Counting …</translation>
    </message>
    <message>
        <source>Räknar statistik</source>
        <translation>Counting statistics</translation>
    </message>
    <message>
        <source>Perioden %1 – %2.</source>
        <translation>Period %1 – %2.</translation>
    </message>
    <message>
        <source>Svarstiden räknas till första publicerade svaret, i kontots bevakade timmar.</source>
        <translation>Response time is counted to the first published answer, in the account&apos;s watched hours.</translation>
    </message>
    <message>
        <source>Årsrapport</source>
        <translation>Yearly report</translation>
    </message>
    <message>
        <source>Utvärdering för år:</source>
        <translation>Evaluation for the year:</translation>
    </message>
    <message>
        <source>Spara utvärderingen</source>
        <translation>Save the evaluation</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Excel (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Skriver utvärderingen …</source>
        <translation>Writing the evaluation …</translation>
    </message>
    <message>
        <source>Skriver utvärderingen</source>
        <translation>Writing the evaluation</translation>
    </message>
    <message>
        <source>Utvärderingen är sparad i %1.</source>
        <translation>The evaluation is saved in %1.</translation>
    </message>
    <message>
        <source>Försenade frågor</source>
        <translation>Overdue questions</translation>
    </message>
    <message>
        <source>Frågor som har väntat längre än kontots svarslöfte</source>
        <translation>Questions that have waited longer than their account&apos;s response promise</translation>
    </message>
    <message>
        <source>Försenade frågor: %d</source>
        <translation>Overdue questions: %d</translation>
    </message>
</context>
<context>
    <name>FlagText</name>
    <message>
        <source>«%1» tyder på en politisk fråga: hänvisa till partiernas egna kanaler.</source>
        <translation>«%1» suggests a political question: refer to the parties&apos; own channels.</translation>
    </message>
    <message>
        <source>«%1» står i ordlistan %2.</source>
        <translation>«%1» is in the word list %2.</translation>
    </message>
    <message>
        <source>«%1» börjar som «%2» i ordlistan %3.</source>
        <translation>«%1» begins like «%2» in the word list %3.</translation>
    </message>
    <message>
        <source>«%1» är en böjd form av «%2» i ordlistan %3.</source>
        <translation>«%1» is an inflected form of «%2» in the word list %3.</translation>
    </message>
    <message>
        <source>En e-postadress: kontrollera att den inte är en privatpersons.</source>
        <translation>An e-mail address: check that it is not a private person&apos;s.</translation>
    </message>
    <message>
        <source>En länk: kontrollera att den inte leder till reklam eller skadligt innehåll.</source>
        <translation>A link: check that it does not lead to advertising or harmful content.</translation>
    </message>
    <message>
        <source>Ett giltigt personnummer (kontrollsiffran stämmer).</source>
        <translation>A valid personal identity number (the check digit is right).</translation>
    </message>
    <message>
        <source>Ett giltigt samordningsnummer (kontrollsiffran stämmer).</source>
        <translation>A valid coordination number (the check digit is right).</translation>
    </message>
    <message>
        <source>Ett telefonnummer: kontrollera att det inte är en privatpersons.</source>
        <translation>A phone number: check that it is not a private person&apos;s.</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Konflikter från offlinearbete</source>
        <translation>Conflicts from offline work</translation>
    </message>
    <message>
        <source>Läser in…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Teamets beslut (gäller)</source>
        <translation>The team&apos;s decision (stands)</translation>
    </message>
    <message>
        <source>Beslut offline (sparat som konflikt)</source>
        <translation>Offline decision (kept as a conflict)</translation>
    </message>
    <message>
        <source>Kopian från</source>
        <translation>Copy from</translation>
    </message>
    <message>
        <source>okänt</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Inga konflikter: alla beslut fattade offline har förts in i teamdatabasen.</source>
        <translation>No conflicts: every decision made offline has been entered in the team database.</translation>
    </message>
    <message numerus="yes">
        <source>%n beslut fattade offline kom fram efter att någon annan hade beslutat om posten. Teamets beslut gäller; beslutet offline och dess bevis är sparade.</source>
        <translation>
            <numerusform>%n decision made offline arrived after someone else had decided the item. The team&apos;s decision stands; the offline decision and its evidence are kept.</numerusform>
            <numerusform>%n decisions made offline arrived after someone else had decided the item. The team&apos;s decision stands; the offline decisions and their evidence are kept.</numerusform>
        </translation>
    </message>
</context>
</TS>
