<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="sv">
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
        <source>Rensa filter</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Rensa sökning och filter</source>
        <translation>Clear search and filters</translation>
    </message>
    <message>
        <source>%s (inaktivt)</source>
        <translation>%s (inactive)</translation>
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
        <source>Frågor utanför din kompetens går till en medarbetare som kan ämnet, eller till rätt instans för diarieföring eller synpunktshantering.</source>
        <translation>Questions outside your competence go to a colleague who knows the subject, or to the right office for registration or feedback handling.</translation>
    </message>
    <message>
        <source>Till (förvaltning, enhet eller e-postadress)</source>
        <translation>To (department, unit or e-mail address)</translation>
    </message>
    <message>
        <source>Mottagare</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Meddelande till mottagaren</source>
        <translation>Message to the recipient</translation>
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
        <source>Användarnamn på den som tar över</source>
        <translation>User name of the person taking over</translation>
    </message>
    <message>
        <source>Tar över</source>
        <translation>Taking over</translation>
    </message>
    <message>
        <source>Jäv: privat intresse i frågan.</source>
        <translation>Conflict of interest: private interest in the matter.</translation>
    </message>
    <message>
        <source>Skäl</source>
        <translation>Reason</translation>
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
        <source>Diarieförd</source>
        <translation>Registered</translation>
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
        <source>Internwebben</source>
        <translation>Intranet</translation>
    </message>
    <message>
        <source>Annan</source>
        <translation>Other</translation>
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
        <source>Ett oväntat fel inträffade i Granska. Ingenting har gått förlorat; skicka gärna detaljerna till den som sköter Granska.</source>
        <translation>An unexpected error occurred in Granska. Nothing has been lost; please send the details to whoever looks after Granska.</translation>
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
        <source>Behåll</source>
        <translation>Keep</translation>
    </message>
    <message>
        <source>Behålla %d poster? Inget görs på plattformen.</source>
        <translation>Keep %d items? Nothing is done on the platform.</translation>
    </message>
    <message>
        <source>%s: %d poster…</source>
        <translation>%s: %d items…</translation>
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
        <source>Ta bort</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Ta bort %d poster</source>
        <translation>Remove %d items</translation>
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
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Öppnar databasen…</source>
        <translation>Opening the database…</translation>
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
        <source>Hänvisning av politisk fråga</source>
        <translation>Referral of a political question</translation>
    </message>
</context>
</TS>
