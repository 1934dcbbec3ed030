<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="nl">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Over Strategiekit Companion</source>
        <translation>About Strategiekit Companion</translation>
    </message>
    <message>
        <source>Strategiekit Companion</source>
        <translation>Strategiekit Companion</translation>
    </message>
    <message>
        <source>De strategiekit Hoger Bereik op de werkplek, ook zonder internet.</source>
        <translation>The strategiekit Hoger Bereik on your workstation, even without internet.</translation>
    </message>
    <message>
        <source>Versie van het programma:</source>
        <translation>Program version:</translation>
    </message>
    <message>
        <source>Kit:</source>
        <translation>Kit:</translation>
    </message>
    <message>
        <source>Gegevensmap:</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>Logbestanden:</source>
        <translation>Log files:</translation>
    </message>
    <message>
        <source>Licenties</source>
        <translation>Licences</translation>
    </message>
    <message>
        <source>Dit programma: AGPL-3.0-or-later (vrije software).</source>
        <translation>This program: AGPL-3.0-or-later (free software).</translation>
    </message>
    <message>
        <source>Gebruikte onderdelen:</source>
        <translation>Parts it uses:</translation>
    </message>
    <message>
        <source>De inhoud van de kit: {source} (voor dit programma geschreven uit openbare bronnen).</source>
        <translation>The contents of the kit: {source} (written for this program from public sources).</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Venster sluiten</source>
        <translation>Close window</translation>
    </message>
    <message>
        <source>Er is nog geen kit geïnstalleerd.</source>
        <translation>No kit has been installed yet.</translation>
    </message>
    <message>
        <source>{title}, versie {version} (gepubliceerd {date})</source>
        <translation>{title}, version {version} (published {date})</translation>
    </message>
</context>
<context>
    <name>ActionEditor</name>
    <message>
        <source>Titel van de actie</source>
        <translation>Title of the action</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Prioriteit</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Partner (vindplaats)</source>
        <translation>Partner (where you find people)</translation>
    </message>
    <message>
        <source>Bijvoorbeeld: Schuldhulp, UWV, Taalhuis</source>
        <translation>For example: debt advice, UWV, Taalhuis</translation>
    </message>
    <message>
        <source>Eigenaar (wie doet het)</source>
        <translation>Owner (who does it)</translation>
    </message>
    <message>
        <source>Wie doet het?</source>
        <translation>Who does it?</translation>
    </message>
    <message>
        <source>Startdatum</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>Einddatum</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Stap uit Waar begin je?</source>
        <translation>Step from Where do you start?</translation>
    </message>
    <message>
        <source>Documenten bij deze actie (aanvinken)</source>
        <translation>Documents for this action (tick them)</translation>
    </message>
    <message>
        <source>Openen</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Gekozen document openen</source>
        <translation>Open the chosen document</translation>
    </message>
    <message>
        <source>Omschrijving van de actie</source>
        <translation>Description of the action</translation>
    </message>
    <message>
        <source>Wat moet er gebeuren, en waarom?</source>
        <translation>What needs to happen, and why?</translation>
    </message>
    <message>
        <source>&amp;Titel</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>&amp;Partner</source>
        <translation>&amp;Partner</translation>
    </message>
    <message>
        <source>&amp;Eigenaar</source>
        <translation>O&amp;wner</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;Klaar op</source>
        <translation>&amp;Due</translation>
    </message>
    <message>
        <source>St&amp;ap</source>
        <translation>St&amp;ep</translation>
    </message>
    <message>
        <source>Documenten</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>&amp;Omschrijving</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <source>Kies een actie in de lijst</source>
        <translation>Choose an action in the list</translation>
    </message>
    <message>
        <source>Actie bewerken</source>
        <translation>Edit action</translation>
    </message>
    <message>
        <source>Geen stap</source>
        <translation>No step</translation>
    </message>
    <message>
        <source>Stap {number}. {title}</source>
        <translation>Step {number}. {title}</translation>
    </message>
    <message>
        <source>{title} (dubbelklik om te openen)</source>
        <translation>{title} (double-click to open)</translation>
    </message>
    <message>
        <source>{name} ({removed})</source>
        <translation>{name} ({removed})</translation>
    </message>
    <message>
        <source>Komt uit Waar begin je?, stap {number}: “{item}”</source>
        <translation>From Where do you start?, step {number}: “{item}”</translation>
    </message>
    <message>
        <source>Komt uit Waar begin je?, “{item}”</source>
        <translation>From Where do you start?, “{item}”</translation>
    </message>
</context>
<context>
    <name>ActionPlanScreen</name>
    <message>
        <source>PDF om af te drukken, per status…</source>
        <translation>PDF to print, by status…</translation>
    </message>
    <message>
        <source>PDF om af te drukken, per stap…</source>
        <translation>PDF to print, by step…</translation>
    </message>
    <message>
        <source>CSV voor Excel (Nederlands, puntkomma)…</source>
        <translation>CSV for Excel (Dutch, semicolon)…</translation>
    </message>
    <message>
        <source>CSV met komma&apos;s…</source>
        <translation>CSV with commas…</translation>
    </message>
    <message>
        <source>Agenda: afspraak op elke einddatum (.ics)…</source>
        <translation>Calendar: an appointment on each due date (.ics)…</translation>
    </message>
    <message>
        <source>Agenda: taken (.ics)…</source>
        <translation>Calendar: tasks (.ics)…</translation>
    </message>
    <message>
        <source>Planbestand voor een andere computer (.actieplan)…</source>
        <translation>Plan file for another computer (.actieplan)…</translation>
    </message>
    <message>
        <source>Actieplan</source>
        <translation>Action plan</translation>
    </message>
    <message>
        <source>Zet op een rij wat je gaat doen, met wie en wanneer. Alles wordt vanzelf bewaard.</source>
        <translation>List what you are going to do, with whom and when. Everything is saved by itself.</translation>
    </message>
    <message>
        <source>Bezig met opslaan</source>
        <translation>Saving</translation>
    </message>
    <message>
        <source>Kies een actieplan</source>
        <translation>Choose an action plan</translation>
    </message>
    <message>
        <source>Nieuw plan</source>
        <translation>New plan</translation>
    </message>
    <message>
        <source>Nieuw actieplan maken</source>
        <translation>Make a new action plan</translation>
    </message>
    <message>
        <source>Plan verwijderen…</source>
        <translation>Delete plan…</translation>
    </message>
    <message>
        <source>Dit actieplan verwijderen</source>
        <translation>Delete this action plan</translation>
    </message>
    <message>
        <source>Importeren…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>Actieplan importeren uit een planbestand</source>
        <translation>Import an action plan from a plan file</translation>
    </message>
    <message>
        <source>Exporteren</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Actieplan exporteren</source>
        <translation>Export the action plan</translation>
    </message>
    <message>
        <source>Actieplan exporteren (Ctrl+E)</source>
        <translation>Export the action plan (Ctrl+E)</translation>
    </message>
    <message>
        <source>Afdrukken…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Actieplan afdrukken (Ctrl+P)</source>
        <translation>Print the action plan (Ctrl+P)</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>Plan:</translation>
    </message>
    <message>
        <source>Naam van het plan</source>
        <translation>Name of the plan</translation>
    </message>
    <message>
        <source>Bibliotheek of vestiging</source>
        <translation>Library or branch</translation>
    </message>
    <message>
        <source>Omschrijving van het plan</source>
        <translation>Description of the plan</translation>
    </message>
    <message>
        <source>Waar gaat dit plan over?</source>
        <translation>What is this plan about?</translation>
    </message>
    <message>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Bibliotheek</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>Omschrijving</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Filter op status</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>Alle statussen</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Filter op partner</source>
        <translation>Filter by partner</translation>
    </message>
    <message>
        <source>Alle partners</source>
        <translation>All partners</translation>
    </message>
    <message>
        <source>Filter op einddatum</source>
        <translation>Filter by due date</translation>
    </message>
    <message>
        <source>Sorteren</source>
        <translation>Sort</translation>
    </message>
    <message>
        <source>Tonen:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>Sorteren:</source>
        <translation>Sort:</translation>
    </message>
    <message>
        <source>Nieuwe actie</source>
        <translation>New action</translation>
    </message>
    <message>
        <source>Nieuwe actie toevoegen (Ctrl+N)</source>
        <translation>Add a new action (Ctrl+N)</translation>
    </message>
    <message>
        <source>Verwijderen</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Gekozen actie verwijderen (Delete)</source>
        <translation>Delete the chosen action (Delete)</translation>
    </message>
    <message>
        <source>Actie omhoog (Alt+Pijl omhoog)</source>
        <translation>Move action up (Alt+Up arrow)</translation>
    </message>
    <message>
        <source>Actie omlaag (Alt+Pijl omlaag)</source>
        <translation>Move action down (Alt+Down arrow)</translation>
    </message>
    <message>
        <source>Ongedaan</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Ongedaan maken (Ctrl+Z)</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Opnieuw</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Opnieuw doen (Ctrl+Shift+Z)</source>
        <translation>Redo (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Maak je eerste plan</source>
        <translation>Make your first plan</translation>
    </message>
    <message>
        <source>Een plan zet op een rij wat je gaat doen, met wie en wanneer. Geef het een naam en voeg acties toe; alles wordt vanzelf bewaard. Heb je een planbestand van een collega? Importeer het dan.</source>
        <translation>A plan lists what you are going to do, with whom and when. Give it a name and add actions; everything is saved by itself. Do you have a plan file from a colleague? Then import it.</translation>
    </message>
    <message>
        <source>Tip: in ‘Waar begin je?’ maak je van een punt uit de checklist met één klik een actie; het plan komt er dan vanzelf bij.</source>
        <translation>Tip: in ‘Where do you start?’ one click turns a checklist item into an action; the plan is then made for you.</translation>
    </message>
    <message>
        <source>Maak je eerste actieplan</source>
        <translation>Make your first action plan</translation>
    </message>
    <message>
        <source>Planbestand importeren…</source>
        <translation>Import a plan file…</translation>
    </message>
    <message>
        <source>Ongedaan maken</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>1 actie</source>
        <translation>1 action</translation>
    </message>
    <message>
        <source>{count} acties</source>
        <translation>{count} actions</translation>
    </message>
    <message>
        <source>{shown} van {total}</source>
        <translation>{shown} of {total}</translation>
    </message>
    <message>
        <source>{count} · ⚠ {late} te laat</source>
        <translation>{count} · ⚠ {late} late</translation>
    </message>
    <message>
        <source>Nieuw actieplan</source>
        <translation>New action plan</translation>
    </message>
    <message>
        <source>Nieuw actieplan {number}</source>
        <translation>New action plan {number}</translation>
    </message>
    <message>
        <source>Plan ‘{name}’ gemaakt. Geef het een eigen naam.</source>
        <translation>Plan ‘{name}’ made. Give it a name of your own.</translation>
    </message>
    <message>
        <source>Plan ‘{name}’ met 1 actie verwijderen? Je kunt dit daarna nog ongedaan maken met Ctrl+Z.</source>
        <translation>Delete plan ‘{name}’ with 1 action? You can still undo this afterwards with Ctrl+Z.</translation>
    </message>
    <message>
        <source>Plan ‘{name}’ met {count} acties verwijderen? Je kunt dit daarna nog ongedaan maken met Ctrl+Z.</source>
        <translation>Delete plan ‘{name}’ with {count} actions? You can still undo this afterwards with Ctrl+Z.</translation>
    </message>
    <message>
        <source>Plan verwijderen</source>
        <translation>Delete plan</translation>
    </message>
    <message>
        <source>Plan ‘{name}’ verwijderd. Ongedaan maken: Ctrl+Z.</source>
        <translation>Plan ‘{name}’ deleted. To undo: Ctrl+Z.</translation>
    </message>
    <message>
        <source>Actie ‘{title}’ verwijderd. Ongedaan maken: Ctrl+Z.</source>
        <translation>Action ‘{title}’ deleted. To undo: Ctrl+Z.</translation>
    </message>
    <message>
        <source>Verplaatsen kan alleen bij ‘Eigen volgorde’.</source>
        <translation>Moving only works with ‘Own order’.</translation>
    </message>
    <message>
        <source>Bezig met opslaan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Bezig met opslaan… {step}</source>
        <translation>Saving… {step}</translation>
    </message>
    <message>
        <source>Opgeslagen: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>Opslaan is niet gelukt. Kies een andere map of naam en probeer het opnieuw.</source>
        <translation>Saving did not work. Choose another folder or name and try again.</translation>
    </message>
    <message>
        <source>Het plan is naar de printer gestuurd.</source>
        <translation>The plan has been sent to the printer.</translation>
    </message>
    <message>
        <source>Plan ‘{name}’ geïmporteerd met 1 actie.</source>
        <translation>Plan ‘{name}’ imported with 1 action.</translation>
    </message>
    <message>
        <source>Plan ‘{name}’ geïmporteerd met {count} acties.</source>
        <translation>Plan ‘{name}’ imported with {count} actions.</translation>
    </message>
</context>
<context>
    <name>ActionTable</name>
    <message>
        <source>Acties in dit plan</source>
        <translation>Actions in this plan</translation>
    </message>
    <message>
        <source>Actie</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Eigenaar</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Klaar op</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Prioriteit</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>{date} ⚠ te laat</source>
        <translation>{date} ⚠ late</translation>
    </message>
    <message>
        <source>Te laat: de einddatum is voorbij en de actie is nog niet klaar.</source>
        <translation>Late: the due date has passed and the action is not done yet.</translation>
    </message>
    <message>
        <source>{step} ({removed})</source>
        <translation>{step} ({removed})</translation>
    </message>
    <message>
        <source>Stap: {step}</source>
        <translation>Step: {step}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>NIET OK: geen antwoord na {seconds} seconden ({stage}).</source>
        <translation>NOT OK: no answer after {seconds} seconds ({stage}).</translation>
    </message>
    <message>
        <source>NIET OK: de kit staat niet klaar.</source>
        <translation>NOT OK: the kit is not in place.</translation>
    </message>
    <message>
        <source>OK: {title}, versie {version}, {count} documenten.</source>
        <translation>OK: {title}, version {version}, {count} documents.</translation>
    </message>
    <message>
        <source>NIET OK: {message}</source>
        <translation>NOT OK: {message}</translation>
    </message>
    <message>
        <source>OK: de PDF-motor tekent: {title}, pagina {page} van {count}.</source>
        <translation>OK: the PDF engine draws: {title}, page {page} of {count}.</translation>
    </message>
</context>
<context>
    <name>AppearancePage</name>
    <message>
        <source>Weergave</source>
        <translation>Display</translation>
    </message>
    <message>
        <source>Taal / Language</source>
        <translation>Language / Taal</translation>
    </message>
    <message>
        <source>Tekstgrootte</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>Hoog contrast (wit op zwart)</source>
        <translation>High contrast (white on black)</translation>
    </message>
    <message>
        <source>Hoog contrast: witte tekst op zwart, geel voor de focus</source>
        <translation>High contrast: white text on black, yellow for the focus</translation>
    </message>
    <message>
        <source>Kies de taal van het programma, hoe groot de tekst is en of je liever witte tekst op zwart ziet. De inhoud van de kit blijft Nederlands. Het programma past zich meteen aan; wat je typte blijft staan.</source>
        <translation>Choose the language of the program, how large the text is, and whether you prefer white text on black. The contents of the kit stay in Dutch. The program changes straight away; what you typed stays where it is.</translation>
    </message>
    <message>
        <source>Taal / Language:</source>
        <translation>Language / Taal:</translation>
    </message>
    <message>
        <source>Tekstgrootte:</source>
        <translation>Text size:</translation>
    </message>
</context>
<context>
    <name>BackupList</name>
    <message>
        <source>Reservekopieën</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>kan niet worden gelezen</source>
        <translation>cannot be read</translation>
    </message>
    <message>
        <source>1 plan</source>
        <translation>1 plan</translation>
    </message>
    <message>
        <source>{count} plannen</source>
        <translation>{count} plans</translation>
    </message>
    <message>
        <source>1 actie</source>
        <translation>1 action</translation>
    </message>
    <message>
        <source>{count} acties</source>
        <translation>{count} actions</translation>
    </message>
    <message>
        <source>{count} afgevinkt</source>
        <translation>{count} ticked</translation>
    </message>
</context>
<context>
    <name>ChecklistScreen</name>
    <message>
        <source>Waar begin je?</source>
        <translation>Where do you start?</translation>
    </message>
    <message>
        <source>De stappen van de kit, van begin tot eind. Vink af wat klaar is en schrijf notities bij een stap. Alles wordt vanzelf bewaard.</source>
        <translation>The steps of the kit, from start to finish. Tick what is done and write notes for a step. Everything is saved by itself.</translation>
    </message>
    <message>
        <source>Voortgang van alle stappen</source>
        <translation>Progress of all steps</translation>
    </message>
    <message>
        <source>%v van %m punten klaar (%p%)</source>
        <translation>%v of %m items done (%p%)</translation>
    </message>
    <message>
        <source>Actieplan voor nieuwe acties</source>
        <translation>Action plan for new actions</translation>
    </message>
    <message>
        <source>Nieuwe acties komen in:</source>
        <translation>New actions go into:</translation>
    </message>
    <message>
        <source>De kit heeft (nog) geen stappen. Even geduld als de kit nog wordt klaargezet.</source>
        <translation>The kit has no steps (yet). Please wait if the kit is still being set up.</translation>
    </message>
    <message>
        <source>Stappen</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>{name} (wordt gemaakt)</source>
        <translation>{name} (will be made)</translation>
    </message>
    <message>
        <source>Actie ‘{action}’ staat nu in plan ‘{plan}’. Klik nog eens op de knop om haar te bekijken.</source>
        <translation>Action ‘{action}’ is now in plan ‘{plan}’. Click the button again to see it.</translation>
    </message>
    <message>
        <source>Mijn actieplan</source>
        <translation>My action plan</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>{text} is geen heel getal van 1 of meer</source>
        <translation>{text} is not a whole number of 1 or more</translation>
    </message>
    <message>
        <source>Strategiekit Hoger Bereik, ook zonder internet.</source>
        <translation>Strategiekit Hoger Bereik, even without internet.</translation>
    </message>
    <message>
        <source>alle gegevens in deze map (draagbaar)</source>
        <translation>all data in this folder (portable)</translation>
    </message>
    <message>
        <source>taal van de opdrachtregel (anders die van het programma)</source>
        <translation>language of the command line (otherwise the program&apos;s)</translation>
    </message>
    <message>
        <source>start, zet de kit klaar en stop weer (om een installatie te controleren)</source>
        <translation>start, put the kit in place and stop again (to check an installation)</translation>
    </message>
    <message>
        <source>maak een sleutelpaar om een kit te ondertekenen</source>
        <translation>make a key pair to sign a kit</translation>
    </message>
    <message>
        <source>bestand voor de geheime sleutel (.pub ernaast)</source>
        <translation>file for the private key (.pub beside it)</translation>
    </message>
    <message>
        <source>onderteken de sleutellijst (welke sleutels kits mogen ondertekenen)</source>
        <translation>sign the key list (which keys may sign kits)</translation>
    </message>
    <message>
        <source>map voor keys.json en keys.json.sig</source>
        <translation>folder for keys.json and keys.json.sig</translation>
    </message>
    <message>
        <source>geheime root-sleutel</source>
        <translation>private root key</translation>
    </message>
    <message>
        <source>publieke sleutel (bestand .pub of tekst) die kits mag ondertekenen; vaker mag</source>
        <translation>public key (a .pub file or text) that may sign kits; may be given more than once</translation>
    </message>
    <message>
        <source>versie (1, 2, ...)</source>
        <translation>version (1, 2, ...)</translation>
    </message>
    <message>
        <source>geldig tot (JJJJ-MM-DD)</source>
        <translation>valid until (YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>of: zoveel dagen vanaf vandaag</source>
        <translation>or: this many days from today</translation>
    </message>
    <message>
        <source>start het programma met een PDF van je computer</source>
        <translation>start the program showing a PDF from your computer</translation>
    </message>
    <message>
        <source>het PDF-bestand</source>
        <translation>the PDF file</translation>
    </message>
    <message>
        <source>open op deze pagina (1 = de eerste)</source>
        <translation>open at this page (1 = the first)</translation>
    </message>
    <message>
        <source>maak een ondertekende kit van de bronnen</source>
        <translation>make a signed kit from the sources</translation>
    </message>
    <message>
        <source>map met kit.toml, steps.toml en de documenten</source>
        <translation>folder with kit.toml, steps.toml and the documents</translation>
    </message>
    <message>
        <source>map voor manifest.json, de handtekening en files/</source>
        <translation>folder for manifest.json, the signature and files/</translation>
    </message>
    <message>
        <source>geheime release-sleutel</source>
        <translation>private release key</translation>
    </message>
    <message>
        <source>sleutellijst keys.json (met .sig ernaast); standaard keys/keys.json</source>
        <translation>key list keys.json (with .sig beside it); default keys/keys.json</translation>
    </message>
    <message>
        <source>zoveel dagen na de publicatiedatum verloopt de kit (standaard 180)</source>
        <translation>the kit expires this many days after its publication date (default 180)</translation>
    </message>
    <message>
        <source>maak er ook een updatebestand van</source>
        <translation>also make an update file of it</translation>
    </message>
    <message>
        <source>zoek in de geïnstalleerde kit</source>
        <translation>search the installed kit</translation>
    </message>
    <message>
        <source>zoek de woorden precies zoals getypt, zonder tikfouten te verbeteren</source>
        <translation>search the words exactly as typed, without correcting typos</translation>
    </message>
    <message>
        <source>{path} bestaat al; er is niets overschreven.</source>
        <translation>{path} already exists; nothing has been overwritten.</translation>
    </message>
    <message>
        <source>Geheime sleutel: {private}
Publieke sleutel: {public}</source>
        <translation>Private key: {private}
Public key: {public}</translation>
    </message>
    <message>
        <source>Sleutellijst versie {version} ({count} sleutel(s), geldig tot {date}) ondertekend: {path}</source>
        <translation>Key list version {version} ({count} key(s), valid until {date}) signed: {path}</translation>
    </message>
    <message>
        <source>geen</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Versie {version} gepubliceerd in {folder}: {count} documenten, veranderd: {changed}.</source>
        <translation>Version {version} published in {folder}: {count} documents, changed: {changed}.</translation>
    </message>
    <message>
        <source>Updatebestand: {path}</source>
        <translation>Update file: {path}</translation>
    </message>
    <message>
        <source>Resultaten voor ‘{corrected}’. Zocht je toch ‘{typed}’? (--exact)</source>
        <translation>Results for ‘{corrected}’. Search for ‘{typed}’ instead? (--exact)</translation>
    </message>
    <message>
        <source>haal een nieuwe versie van de kit op van de portal</source>
        <translation>fetch a new version of the kit from the portal</translation>
    </message>
    <message>
        <source>adres van de portal (anders dat uit Instellingen)</source>
        <translation>address of the portal (otherwise the one in Settings)</translation>
    </message>
    <message>
        <source>{text} is geen geldige wachttijd: geef een aantal seconden groter dan 0 en hoogstens {most} (bijvoorbeeld 20)</source>
        <translation>{text} is not a valid waiting time: give a number of seconds above 0 and at most {most} (for example 20)</translation>
    </message>
    <message>
        <source>seconden wachten per verzoek (standaard 20, hoogstens 600)</source>
        <translation>seconds to wait per request (default 20, at most 600)</translation>
    </message>
    <message>
        <source>installeer de kit uit een updatebestand</source>
        <translation>install the kit from an update file</translation>
    </message>
    <message>
        <source>een .kitupdate-bestand</source>
        <translation>a .kitupdate file</translation>
    </message>
    <message>
        <source>sla de geïnstalleerde kit op als updatebestand</source>
        <translation>save the installed kit as an update file</translation>
    </message>
    <message>
        <source>doelbestand (.kitupdate wordt toegevoegd)</source>
        <translation>target file (.kitupdate is added)</translation>
    </message>
    <message>
        <source>nieuw</source>
        <translation>new</translation>
    </message>
    <message>
        <source>gewijzigd</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>verwijderd</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>Updatebestand opgeslagen: {path} (versie {version}, {files} bestanden, {mb} MB).</source>
        <translation>Update file saved: {path} (version {version}, {files} files, {mb} MB).</translation>
    </message>
    <message>
        <source>{stage} {done}/{total} bestanden, {percent}%</source>
        <translation>{stage} {done}/{total} files, {percent}%</translation>
    </message>
</context>
<context>
    <name>DamagedUserStoreDialog</name>
    <message>
        <source>Je gegevens konden niet worden gelezen</source>
        <translation>Your data could not be read</translation>
    </message>
    <message>
        <source>Je eigen gegevens (vinkjes, notities, actieplannen) konden niet worden gelezen. Het bestand is niet weggegooid: het staat als {name} in {folder}.

Zet een reservekopie terug. De nieuwste staat bovenaan.</source>
        <translation>Your own data (ticks, notes, action plans) could not be read. The file was not thrown away: it is kept as {name} in {folder}.

Restore a backup. The newest is at the top.</translation>
    </message>
    <message>
        <source>Je eigen gegevens (vinkjes, notities, actieplannen) konden niet worden gelezen. Het bestand is niet weggegooid: het staat als {name} in {folder}.

Er is geen reservekopie. Het programma begint zonder eigen gegevens; de kit zelf is er gewoon.</source>
        <translation>Your own data (ticks, notes, action plans) could not be read. The file was not thrown away: it is kept as {name} in {folder}.

There is no backup. The program starts without your own data; the kit itself is there as usual.</translation>
    </message>
    <message>
        <source>Terugzetten</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Zonder gegevens beginnen</source>
        <translation>Start without data</translation>
    </message>
</context>
<context>
    <name>DataFolder</name>
    <message>
        <source>Reservekopie terugzetten…</source>
        <translation>Restore backup…</translation>
    </message>
    <message>
        <source>Alleen lezen</source>
        <translation>Read only</translation>
    </message>
    <message>
        <source>De gegevensmap kan niet worden beschreven: er wordt niets bewaard.</source>
        <translation>The data folder cannot be written: nothing is saved.</translation>
    </message>
    <message>
        <source>Je eigen gegevens (user.sqlite) zijn beschadigd. Zet een reservekopie terug met Bestand &gt; Reservekopie terugzetten…</source>
        <translation>Your own data (user.sqlite) is damaged. Restore a backup with File &gt; Restore backup…</translation>
    </message>
    <message>
        <source>De reservekopie van {when} is teruggezet. Wat je daarvoor had, is ook als reservekopie bewaard.</source>
        <translation>The backup of {when} has been restored. What you had before is kept as a backup as well.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>bijv. 15-3-2027</source>
        <translation>e.g. 15-3-2027</translation>
    </message>
    <message>
        <source>Typ een datum, bijvoorbeeld 15-3-2027, 15 maart, morgen of vrijdag.</source>
        <translation>Type a date, for example 15-3-2027, 15 March, tomorrow or Friday.</translation>
    </message>
    <message>
        <source>{date}: kies in de kalender</source>
        <translation>{date}: pick in the calendar</translation>
    </message>
    <message>
        <source>Kies een dag in de kalender</source>
        <translation>Pick a day in the calendar</translation>
    </message>
    <message>
        <source>geen datum</source>
        <translation>no date</translation>
    </message>
</context>
<context>
    <name>DocumentSettingsPage</name>
    <message>
        <source>Documenten</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source> seconden</source>
        <translation> seconds</translation>
    </message>
    <message>
        <source>Hoe lang een pagina mag duren, in seconden</source>
        <translation>How long a page may take, in seconds</translation>
    </message>
    <message>
        <source>Lukt het niet om een pagina binnen deze tijd te tekenen, dan zie je op die plek “Deze pagina kan niet worden getoond” en werkt de rest van het document gewoon door. Klik op zo’n pagina om het opnieuw te proberen. Geef een langzame computer of een heel gedetailleerde PDF meer tijd.</source>
        <translation>If a page cannot be drawn within this time, you see “This page cannot be shown” in its place and the rest of the document keeps working. Click such a page to try again. Give a slow computer or a very detailed PDF more time.</translation>
    </message>
    <message>
        <source>Tijd voor een pagina:</source>
        <translation>Time for a page:</translation>
    </message>
</context>
<context>
    <name>ErrorHandler</name>
    <message>
        <source>Er ging iets mis in het programma. Je gegevens zijn bewaard.

Probeer het nog eens.</source>
        <translation>Something went wrong in the program. Your data has been kept.

Please try again.</translation>
    </message>
    <message>
        <source>Er ging iets mis in het programma. Je gegevens zijn bewaard.

Wat er gebeurde staat in het logbestand:
{path}

Probeer het nog eens. Gebeurt het vaker, geef dit bestand dan aan wie je helpt.</source>
        <translation>Something went wrong in the program. Your data has been kept.

What happened is written in the log file:
{path}

Please try again. If it keeps happening, give this file to whoever helps you.</translation>
    </message>
    <message>
        <source>Er ging iets mis</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>FieldEditors</name>
    <message>
        <source>Deze tekst past niet in het vak, ook niet in een kleinere letter. Bij opslaan en afdrukken valt een deel weg: maak hem korter.</source>
        <translation>This text does not fit its box, not even in a smaller font. Part of it will be cut off when you save or print: make it shorter.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Zoek in dit document</source>
        <translation>Search this document</translation>
    </message>
    <message>
        <source>Zoeken in dit document</source>
        <translation>Search in this document</translation>
    </message>
    <message>
        <source>Vorige</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>Vorige vondst</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <source>Vorige vondst (Shift+F3)</source>
        <translation>Previous match (Shift+F3)</translation>
    </message>
    <message>
        <source>Volgende</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Volgende vondst</source>
        <translation>Next match</translation>
    </message>
    <message>
        <source>Volgende vondst (F3 of Enter)</source>
        <translation>Next match (F3 or Enter)</translation>
    </message>
    <message>
        <source>Aantal vondsten</source>
        <translation>Number of matches</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Zoeken in document sluiten</source>
        <translation>Close search in document</translation>
    </message>
    <message>
        <source>Sluiten (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Zoeken:</source>
        <translation>Search:</translation>
    </message>
    <message>
        <source>Zoeken…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Zoeken… {total} gevonden</source>
        <translation>Searching… {total} found</translation>
    </message>
    <message>
        <source>{current} van {total}…</source>
        <translation>{current} of {total}…</translation>
    </message>
    <message>
        <source>Niet gevonden</source>
        <translation>Not found</translation>
    </message>
    <message>
        <source>{current} van {total}</source>
        <translation>{current} of {total}</translation>
    </message>
</context>
<context>
    <name>FirstRunPanel</name>
    <message>
        <source>De strategiekit wordt klaargezet</source>
        <translation>Setting up the strategiekit</translation>
    </message>
    <message>
        <source>Dit gebeurt alleen de eerste keer. Daarna werkt alles ook zonder internet.</source>
        <translation>This only happens the first time. After that, everything also works without internet.</translation>
    </message>
    <message>
        <source>Even geduld…</source>
        <translation>Please wait…</translation>
    </message>
    <message>
        <source>Voortgang van het klaarzetten</source>
        <translation>Progress of the setup</translation>
    </message>
    <message>
        <source>Opnieuw proberen</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Het klaarzetten opnieuw proberen</source>
        <translation>Try the setup again</translation>
    </message>
    <message>
        <source>Het klaarzetten is niet gelukt.</source>
        <translation>The setup did not work.</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Hoe werkt het?</source>
        <translation>How does it work?</translation>
    </message>
    <message>
        <source>Rondleiding</source>
        <translation>Tour</translation>
    </message>
    <message>
        <source>Over Strategiekit Companion</source>
        <translation>About Strategiekit Companion</translation>
    </message>
    <message>
        <source>onbekend</source>
        <translation>unknown</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Hoe werkt het?</source>
        <translation>How does it work?</translation>
    </message>
    <message>
        <source>Uitleg: hoe werkt het?</source>
        <translation>Help: how does it work?</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Uitleg sluiten</source>
        <translation>Close help</translation>
    </message>
    <message>
        <source>De uitleg is niet gevonden.</source>
        <translation>The help text was not found.</translation>
    </message>
</context>
<context>
    <name>ItemRow</name>
    <message>
        <source>{item} ({removed})</source>
        <translation>{item} ({removed})</translation>
    </message>
    <message>
        <source>⚠ {removed}</source>
        <translation>⚠ {removed}</translation>
    </message>
    <message>
        <source>Dit punt staat niet meer in de nieuwe versie van de kit. Je vinkje en notitie zijn bewaard.</source>
        <translation>This item is no longer in the new version of the kit. Your tick and note have been kept.</translation>
    </message>
    <message>
        <source>Notitie</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Notitie bij: {item}</source>
        <translation>Note for: {item}</translation>
    </message>
    <message>
        <source>Notitie bij dit punt (wordt vanzelf bewaard)</source>
        <translation>Note for this item (saved by itself)</translation>
    </message>
    <message>
        <source>In actieplan ✓</source>
        <translation>In action plan ✓</translation>
    </message>
    <message>
        <source>Deze actie staat in je actieplan. Klik om haar te zien.</source>
        <translation>This action is in your action plan. Click to see it.</translation>
    </message>
    <message>
        <source>Bekijk de actie van: {item}</source>
        <translation>See the action for: {item}</translation>
    </message>
    <message>
        <source>Maak actie</source>
        <translation>Make action</translation>
    </message>
    <message>
        <source>Zet dit punt als actie in je actieplan</source>
        <translation>Put this item in your action plan as an action</translation>
    </message>
    <message>
        <source>Maak een actie van: {item}</source>
        <translation>Make an action of: {item}</translation>
    </message>
</context>
<context>
    <name>LibraryScreen</name>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{hours} uur {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>{hours} uur</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>Soort</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Thema&apos;s</source>
        <translation>Themes</translation>
    </message>
    <message>
        <source>Voor wie</source>
        <translation>For whom</translation>
    </message>
    <message>
        <source>Tijd</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Pagina&apos;s</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Deze video staat op deze computer en speelt ook zonder internet: kies Video afspelen.</source>
        <translation>This video is stored on this computer and also plays without internet: choose Play video.</translation>
    </message>
    <message>
        <source>Deze video speelt alleen met internet. Open het document voor de link.</source>
        <translation>This video only plays with internet. Open the document for the link.</translation>
    </message>
    <message>
        <source>Bibliotheek</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>Alle handleidingen, werkbladen, workshops en voorbeelden uit de kit.</source>
        <translation>All guides, worksheets, workshops and examples in the kit.</translation>
    </message>
    <message>
        <source>Per thema</source>
        <translation>By theme</translation>
    </message>
    <message>
        <source>Per soort</source>
        <translation>By kind</translation>
    </message>
    <message>
        <source>Ordenen per thema</source>
        <translation>Group by theme</translation>
    </message>
    <message>
        <source>Ordenen per soort document</source>
        <translation>Group by kind of document</translation>
    </message>
    <message>
        <source>Filter op titel…</source>
        <translation>Filter by title…</translation>
    </message>
    <message>
        <source>Filter de lijst op titel</source>
        <translation>Filter the list by title</translation>
    </message>
    <message>
        <source>Ordenen:</source>
        <translation>Group:</translation>
    </message>
    <message>
        <source>Documenten in de kit</source>
        <translation>Documents in the kit</translation>
    </message>
    <message>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Ook bij</source>
        <translation>Also in</translation>
    </message>
    <message>
        <source>Over dit document</source>
        <translation>About this document</translation>
    </message>
    <message>
        <source>Openen</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Document openen</source>
        <translation>Open document</translation>
    </message>
    <message>
        <source>Video afspelen</source>
        <translation>Play video</translation>
    </message>
    <message>
        <source>Video afspelen met de videospeler van je computer</source>
        <translation>Play the video with your computer&apos;s video player</translation>
    </message>
    <message>
        <source>Alle thema&apos;s</source>
        <translation>All themes</translation>
    </message>
    <message>
        <source>Alle thema&apos;s tonen</source>
        <translation>Show all themes</translation>
    </message>
    <message>
        <source>Alleen thema {theme}</source>
        <translation>Only theme {theme}</translation>
    </message>
    <message>
        <source>Overig</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>{group} ({count})</source>
        <translation>{group} ({count})</translation>
    </message>
    <message>
        <source>Ook bij de thema&apos;s: {themes}</source>
        <translation>Also in the themes: {themes}</translation>
    </message>
    <message>
        <source>nieuw</source>
        <translation>new</translation>
    </message>
    <message>
        <source>gewijzigd</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>Nieuw sinds de laatste update</source>
        <translation>New since the last update</translation>
    </message>
    <message>
        <source>Gewijzigd sinds de laatste update</source>
        <translation>Changed since the last update</translation>
    </message>
    <message>
        <source>Kies een document in de lijst om te zien waar het over gaat. Dubbelklik of druk op Enter om het te openen.</source>
        <translation>Choose a document in the list to see what it is about. Double-click or press Enter to open it.</translation>
    </message>
    <message>
        <source>De video kan niet worden klaargezet. Is de schijf vol? Probeer het opnieuw.</source>
        <translation>The video could not be prepared. Is the disk full? Please try again.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Strategiekit Hoger Bereik</source>
        <translation>Strategiekit Hoger Bereik</translation>
    </message>
    <message>
        <source>Schermen</source>
        <translation>Screens</translation>
    </message>
    <message>
        <source>Bibliotheek</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>Zoeken</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Waar begin je?</source>
        <translation>Where do you start?</translation>
    </message>
    <message>
        <source>Actieplan</source>
        <translation>Action plan</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <source>&amp;Bestand</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Beel&amp;d</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Afsluiten</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Zoeken in de kit</source>
        <translation>Search the kit</translation>
    </message>
    <message>
        <source>Presenteren</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Opslaan als ingevulde PDF…</source>
        <translation>Save as filled-in PDF…</translation>
    </message>
    <message>
        <source>Afdrukken…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Actieplan importeren…</source>
        <translation>Import action plan…</translation>
    </message>
    <message>
        <source>Actieplan exporteren als PDF…</source>
        <translation>Export action plan as PDF…</translation>
    </message>
    <message>
        <source>Actieplan afdrukken…</source>
        <translation>Print action plan…</translation>
    </message>
    <message>
        <source>PDF openen…</source>
        <translation>Open PDF…</translation>
    </message>
    <message>
        <source>{screen} (Ctrl+{number})</source>
        <translation>{screen} (Ctrl+{number})</translation>
    </message>
    <message>
        <source>Dit document staat niet (meer) in de kit.</source>
        <translation>This document is not in the kit (any more).</translation>
    </message>
    <message>
        <source>Kit versie {version} staat klaar.</source>
        <translation>Kit version {version} is ready.</translation>
    </message>
    <message>
        <source>Er ging iets mis bij het klaarzetten van de kit.</source>
        <translation>Something went wrong while setting up the kit.</translation>
    </message>
    <message>
        <source>Geen kit</source>
        <translation>No kit</translation>
    </message>
    <message>
        <source>{title} · versie {version}</source>
        <translation>{title} · version {version}</translation>
    </message>
    <message>
        <source> · verlopen</source>
        <translation> · expired</translation>
    </message>
    <message>
        <source>Deze versie van de kit is verlopen op {date}. Kijk bij Updates of er een nieuwe is. Lezen kan gewoon.</source>
        <translation>This version of the kit expired on {date}. Look under Updates for a new one. Reading works as usual.</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <source>Melding</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Melding sluiten</source>
        <translation>Close message</translation>
    </message>
</context>
<context>
    <name>OverviewGrid</name>
    <message>
        <source>Overzicht van alle dia&apos;s</source>
        <translation>Overview of all slides</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <source>Printpakket maken</source>
        <translation>Make print pack</translation>
    </message>
    <message>
        <source>Het draaiboek van „{title}” en de werkbladen voor de deelnemers, samen in één PDF. Kies hoeveel je van elk nodig hebt.</source>
        <translation>The facilitator guide of “{title}” and the worksheets for the participants, together in one PDF. Choose how many of each you need.</translation>
    </message>
    <message>
        <source>Draaiboek (1 keer, voor jou)</source>
        <translation>Facilitator guide (once, for you)</translation>
    </message>
    <message>
        <source>Het draaiboek noemt een groep tot {size} mensen: de werkbladen voor deze workshop staan daarom op {size}.</source>
        <translation>The facilitator guide names a group of up to {size} people: the worksheets for this workshop are therefore set to {size}.</translation>
    </message>
    <message>
        <source>{title} (hoort bij deze workshop)</source>
        <translation>{title} (belongs to this workshop)</translation>
    </message>
    <message>
        <source>{title} (genoemd in het draaiboek)</source>
        <translation>{title} (named in the guide)</translation>
    </message>
    <message>
        <source> ×</source>
        <translation> ×</translation>
    </message>
    <message>
        <source>Aantal van {title}</source>
        <translation>Number of {title}</translation>
    </message>
    <message>
        <source>Opslaan als PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>Afdrukken…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PageCanvas</name>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Naar pagina {page}</source>
        <translation>To page {page}</translation>
    </message>
    <message>
        <source>Kopiëren</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Tekst van deze pagina selecteren</source>
        <translation>Select the text of this page</translation>
    </message>
</context>
<context>
    <name>PlanCommands</name>
    <message>
        <source>Actie bewerken</source>
        <translation>Edit action</translation>
    </message>
    <message>
        <source>Nieuwe actie</source>
        <translation>New action</translation>
    </message>
    <message>
        <source>Actie verwijderen: {title}</source>
        <translation>Delete action: {title}</translation>
    </message>
    <message>
        <source>Actie verplaatsen</source>
        <translation>Move action</translation>
    </message>
    <message>
        <source>Plan bewerken</source>
        <translation>Edit plan</translation>
    </message>
    <message>
        <source>Plan verwijderen</source>
        <translation>Delete plan</translation>
    </message>
</context>
<context>
    <name>PlanDialogs</name>
    <message>
        <source>PDF-bestand (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>CSV voor Excel (*.csv)</source>
        <translation>CSV for Excel (*.csv)</translation>
    </message>
    <message>
        <source>Agenda-bestand (*.ics)</source>
        <translation>Calendar file (*.ics)</translation>
    </message>
    <message>
        <source>Actieplan-bestand (*.actieplan)</source>
        <translation>Action plan file (*.actieplan)</translation>
    </message>
    <message>
        <source>Opslaan als</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>Actieplan importeren</source>
        <translation>Import action plan</translation>
    </message>
    <message>
        <source>Alle (*)</source>
        <translation>All (*)</translation>
    </message>
    <message>
        <source>Actieplan afdrukken</source>
        <translation>Print action plan</translation>
    </message>
</context>
<context>
    <name>PresentationWindow</name>
    <message>
        <source>Presentatie</source>
        <translation>Presentation</translation>
    </message>
</context>
<context>
    <name>PresenterHelp</name>
    <message>
        <source>Spatie, →, ↓, PageDown, Enter, N</source>
        <translation>Space, →, ↓, PageDown, Enter, N</translation>
    </message>
    <message>
        <source>volgende dia</source>
        <translation>next slide</translation>
    </message>
    <message>
        <source>←, ↑, PageUp, Backspace, P</source>
        <translation>←, ↑, PageUp, Backspace, P</translation>
    </message>
    <message>
        <source>vorige dia</source>
        <translation>previous slide</translation>
    </message>
    <message>
        <source>Home / End</source>
        <translation>Home / End</translation>
    </message>
    <message>
        <source>eerste / laatste dia</source>
        <translation>first / last slide</translation>
    </message>
    <message>
        <source>B of .</source>
        <translation>B or .</translation>
    </message>
    <message>
        <source>zwart scherm aan of uit (daarna doet elke toets alleen dat)</source>
        <translation>black screen on or off (then any key only does that)</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>beamer bevriezen: het publiek houdt deze dia, jij bladert verder</source>
        <translation>freeze the projector: the audience keeps this slide while you move on</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>overzicht van alle dia&apos;s: kies met pijltjes en Enter, of klik</source>
        <translation>overview of all slides: choose with the arrows and Enter, or click</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>aftellen starten of pauzeren</source>
        <translation>start or pause the countdown</translation>
    </message>
    <message>
        <source>F1 of ?</source>
        <translation>F1 or ?</translation>
    </message>
    <message>
        <source>deze hulp tonen of verbergen</source>
        <translation>show or hide this help</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>presentatie stoppen</source>
        <translation>stop the presentation</translation>
    </message>
    <message>
        <source>Sneltoetsen</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Sneltoetsen tijdens het presenteren</source>
        <translation>Keyboard shortcuts while presenting</translation>
    </message>
    <message>
        <source>Druk op een toets of klik om verder te gaan.</source>
        <translation>Press any key or click to go on.</translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <source>Presentatorweergave</source>
        <translation>Presenter view</translation>
    </message>
    <message>
        <source>Wat het publiek ziet</source>
        <translation>What the audience sees</translation>
    </message>
    <message>
        <source>Huidige pagina</source>
        <translation>Current page</translation>
    </message>
    <message>
        <source>Volgende pagina</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>Einde</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Notities</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Notities bij deze dia</source>
        <translation>Notes for this slide</translation>
    </message>
    <message>
        <source>Geen notities bij deze dia.</source>
        <translation>No notes for this slide.</translation>
    </message>
    <message>
        <source>Paginanummer</source>
        <translation>Page number</translation>
    </message>
    <message>
        <source>Klok</source>
        <translation>Clock</translation>
    </message>
    <message>
        <source>Resterende tijd</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>Aftellen</source>
        <translation>Countdown</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Duur in minuten</source>
        <translation>Length in minutes</translation>
    </message>
    <message>
        <source>Hoe lang de presentatie mag duren</source>
        <translation>How long the presentation may take</translation>
    </message>
    <message>
        <source>Zwart (B)</source>
        <translation>Black (B)</translation>
    </message>
    <message>
        <source>◀ Vorige</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <source>Vorige pagina</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Volgende ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <source>Zwart scherm aan of uit</source>
        <translation>Black screen on or off</translation>
    </message>
    <message>
        <source>Bevriezen (F)</source>
        <translation>Freeze (F)</translation>
    </message>
    <message>
        <source>Beamer bevriezen of loslaten</source>
        <translation>Freeze or release the projector</translation>
    </message>
    <message>
        <source>Overzicht (Tab)</source>
        <translation>Overview (Tab)</translation>
    </message>
    <message>
        <source>Overzicht van alle dia&apos;s</source>
        <translation>Overview of all slides</translation>
    </message>
    <message>
        <source>Start/pauze (T)</source>
        <translation>Start/pause (T)</translation>
    </message>
    <message>
        <source>Aftellen starten of pauzeren</source>
        <translation>Start or pause the countdown</translation>
    </message>
    <message>
        <source>Tijd opnieuw</source>
        <translation>Restart time</translation>
    </message>
    <message>
        <source>Tijd opnieuw beginnen</source>
        <translation>Start the time again</translation>
    </message>
    <message>
        <source>Hulp (F1)</source>
        <translation>Help (F1)</translation>
    </message>
    <message>
        <source>Sneltoetsen</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Stoppen (Esc)</source>
        <translation>Stop (Esc)</translation>
    </message>
    <message>
        <source>Presentatie stoppen</source>
        <translation>Stop the presentation</translation>
    </message>
    <message>
        <source>ZWART SCHERM: het publiek ziet niets. Een toets toont de dia weer.</source>
        <translation>BLACK SCREEN: the audience sees nothing. Any key shows the slide again.</translation>
    </message>
    <message>
        <source>BEVROREN: het publiek ziet dia {page}. F laat de beamer los.</source>
        <translation>FROZEN: the audience sees slide {page}. F releases the projector.</translation>
    </message>
    <message>
        <source>Volgende</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Pagina {page} van {total}</source>
        <translation>Page {page} of {total}</translation>
    </message>
</context>
<context>
    <name>PrintFlow</name>
    <message>
        <source>Deze tekst past niet in zijn vak, ook niet in een kleinere letter. Op papier en in de PDF valt een deel weg:

{names}

Ga terug om de tekst korter te maken, of ga toch door.</source>
        <translation>This text does not fit its box, not even in a smaller font. Part of it will be cut off on paper and in the PDF:

{names}

Go back to make the text shorter, or go on anyway.</translation>
    </message>
    <message>
        <source>Tekst past niet</source>
        <translation>Text does not fit</translation>
    </message>
    <message>
        <source>Terug</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Toch doorgaan</source>
        <translation>Go on anyway</translation>
    </message>
    <message>
        <source>Gestopt: er is niets afgedrukt of opgeslagen.</source>
        <translation>Stopped: nothing was printed or saved.</translation>
    </message>
    <message>
        <source>PDF maken…</source>
        <translation>Making the PDF…</translation>
    </message>
    <message>
        <source>Er zijn geen pagina&apos;s om af te drukken.</source>
        <translation>There are no pages to print.</translation>
    </message>
    <message>
        <source>Niets afgedrukt of opgeslagen: pas de tekst aan.</source>
        <translation>Nothing printed or saved: adjust the text.</translation>
    </message>
    <message>
        <source>Opslaan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Opgeslagen ({pages} pagina&apos;s): {path}</source>
        <translation>Saved ({pages} pages): {path}</translation>
    </message>
    <message>
        <source>Naar de printer sturen…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>{pages} pagina&apos;s naar de printer gestuurd.</source>
        <translation>{pages} pages sent to the printer.</translation>
    </message>
    <message>
        <source>Afdrukken: %v van %m pagina&apos;s</source>
        <translation>Printing: %v of %m pages</translation>
    </message>
    <message>
        <source>Afdrukken gestopt na {pages} pagina&apos;s.</source>
        <translation>Printing stopped after {pages} pages.</translation>
    </message>
    <message>
        <source>Afdrukken lukte niet.</source>
        <translation>Printing did not work.</translation>
    </message>
</context>
<context>
    <name>RenderService</name>
    <message>
        <source>Deze pagina kan niet worden getoond</source>
        <translation>This page cannot be shown</translation>
    </message>
    <message>
        <source>Klik op de pagina om het opnieuw te proberen.</source>
        <translation>Click the page to try again.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Reservekopie terugzetten</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>Kies de reservekopie die je terug wilt zetten. Je vinkjes, notities en actieplannen worden dan zoals ze toen waren. Wat je nu hebt, wordt eerst zelf als reservekopie bewaard, dus je kunt dit weer ongedaan maken.</source>
        <translation>Choose the backup to restore. Your ticks, notes and action plans then become what they were at that time. What you have now is first kept as a backup itself, so you can undo this.</translation>
    </message>
    <message>
        <source>Terugzetten</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Er zijn nog geen reservekopieën.</source>
        <translation>There are no backups yet.</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <source>{kind} · pagina {page}</source>
        <translation>{kind} · page {page}</translation>
    </message>
    <message>
        <source>{kind} · pagina {page} · ook op pagina {pages}</source>
        <translation>{kind} · page {page} · also on page {pages}</translation>
    </message>
    <message>
        <source>{title}, pagina {page}</source>
        <translation>{title}, page {page}</translation>
    </message>
    <message>
        <source>Zoeken</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Zoek in de hele kit, bijvoorbeeld: vindplaatsen gemeente</source>
        <translation>Search the whole kit, for example: vindplaatsen gemeente</translation>
    </message>
    <message>
        <source>Zoekwoorden</source>
        <translation>Search words</translation>
    </message>
    <message>
        <source>Zoekresultaten</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Zoeken lukte niet. Probeer het opnieuw.</source>
        <translation>Searching failed. Please try again.</translation>
    </message>
    <message>
        <source>Resultaten voor ‘{words}’.</source>
        <translation>Results for ‘{words}’.</translation>
    </message>
    <message>
        <source>Zocht je toch ‘{words}’?</source>
        <translation>Search for ‘{words}’ instead?</translation>
    </message>
    <message>
        <source>Typ een of meer woorden. Hoofdletters, accenten en kleine tikfouten maken niet uit. Zet woorden tussen aanhalingstekens om ze precies zo te zoeken.</source>
        <translation>Type one or more words. Capitals, accents and small typos do not matter. Put words in quotes to search for them exactly.</translation>
    </message>
    <message>
        <source>Niets gevonden voor ‘{words}’. Probeer een ander of korter woord.</source>
        <translation>Nothing found for ‘{words}’. Try another or a shorter word.</translation>
    </message>
    <message>
        <source>1 document gevonden. Druk op Enter om het te openen.</source>
        <translation>1 document found. Press Enter to open it.</translation>
    </message>
    <message>
        <source>{count} documenten gevonden, de beste bovenaan. Druk op Enter om het eerste te openen.</source>
        <translation>{count} documents found, the best at the top. Press Enter to open the first one.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Instellingen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Onderwerpen van de instellingen</source>
        <translation>Settings topics</translation>
    </message>
    <message>
        <source>Opslaan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Pagina {page}</source>
        <translation>Page {page}</translation>
    </message>
    <message>
        <source>Zijbalk</source>
        <translation>Side panel</translation>
    </message>
    <message>
        <source>Paginaminiaturen</source>
        <translation>Page thumbnails</translation>
    </message>
    <message>
        <source>Inhoudsopgave</source>
        <translation>Table of contents</translation>
    </message>
    <message>
        <source>Zijbalk: Pagina&apos;s of Inhoud</source>
        <translation>Side panel: Pages or Contents</translation>
    </message>
    <message>
        <source>Pagina&apos;s</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Inhoud</source>
        <translation>Contents</translation>
    </message>
</context>
<context>
    <name>StepCard</name>
    <message>
        <source>Stap {number}. {title}</source>
        <translation>Step {number}. {title}</translation>
    </message>
    <message>
        <source>{step} ({removed})</source>
        <translation>{step} ({removed})</translation>
    </message>
    <message>
        <source>Voortgang {step}</source>
        <translation>Progress {step}</translation>
    </message>
    <message>
        <source>%v van %m klaar</source>
        <translation>%v of %m done</translation>
    </message>
    <message>
        <source>Documenten:</source>
        <translation>Documents:</translation>
    </message>
    <message>
        <source>Document openen: {title}</source>
        <translation>Open document: {title}</translation>
    </message>
    <message>
        <source>{title} openen</source>
        <translation>Open {title}</translation>
    </message>
    <message>
        <source>Notitie bij deze stap:</source>
        <translation>Note for this step:</translation>
    </message>
    <message>
        <source>Afspraken, ideeën, wie je wilt spreken… (wordt vanzelf bewaard)</source>
        <translation>Agreements, ideas, who you want to talk to… (saved by itself)</translation>
    </message>
    <message>
        <source>Notitie bij {step}</source>
        <translation>Note for {step}</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <source>Bibliotheek</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>Hier staat de hele kit: handleidingen, werkbladen, workshops en voorbeelden. Kies een document om te zien waar het over gaat. Dubbelklik of druk op Enter om het te openen.</source>
        <translation>Here is the whole kit: guides, worksheets, workshops and examples. Choose a document to see what it is about. Double-click or press Enter to open it.</translation>
    </message>
    <message>
        <source>Zoeken</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Zoek in alle documenten tegelijk. Typ een of meer woorden: je ziet meteen waar ze staan. Enter opent het document op de goede pagina. Vanuit elk scherm: Ctrl+K.</source>
        <translation>Search all documents at once. Type one or more words and you see straight away where they are. Enter opens the document on the right page. From any screen: Ctrl+K.</translation>
    </message>
    <message>
        <source>Waar begin je?</source>
        <translation>Where do you start?</translation>
    </message>
    <message>
        <source>De stappen van de kit als checklist. Vink af wat klaar is en schrijf notities. Met ‘Maak actie’ zet je een punt in je actieplan.</source>
        <translation>The steps of the kit as a checklist. Tick what is done and write notes. ‘Make action’ puts an item in your action plan.</translation>
    </message>
    <message>
        <source>Actieplan</source>
        <translation>Action plan</translation>
    </message>
    <message>
        <source>Zet op een rij wat je gaat doen, met wie en wanneer. Alles wordt vanzelf bewaard. Je kunt het plan afdrukken, exporteren en op een andere computer inlezen.</source>
        <translation>List what you are going to do, with whom and when. Everything is saved by itself. You can print the plan, export it and read it in on another computer.</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <source>Haal een nieuwe versie van de kit op: via internet of met een updatebestand van een USB-stick. Je vinkjes, notities en plannen blijven altijd bewaard.</source>
        <translation>Get a new version of the kit: over the internet or with an update file from a USB stick. Your ticks, notes and plans are always kept.</translation>
    </message>
    <message>
        <source>Rondleiding</source>
        <translation>Tour</translation>
    </message>
    <message>
        <source>Deze rondleiding staat ook in het menu Help. F1 geeft uitleg.</source>
        <translation>You can find this tour in the Help menu too. F1 gives help.</translation>
    </message>
    <message>
        <source>Vorige</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>Vorige stap</source>
        <translation>Previous step</translation>
    </message>
    <message>
        <source>Overslaan</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Rondleiding overslaan en sluiten</source>
        <translation>Skip and close the tour</translation>
    </message>
    <message>
        <source>Stap {number} van {total}</source>
        <translation>Step {number} of {total}</translation>
    </message>
    <message>
        <source>Klaar</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Volgende</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Rondleiding afsluiten</source>
        <translation>End the tour</translation>
    </message>
    <message>
        <source>Volgende stap</source>
        <translation>Next step</translation>
    </message>
</context>
<context>
    <name>UpdateSettingsPage</name>
    <message>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <source>Adres van de portal</source>
        <translation>Address of the portal</translation>
    </message>
    <message>
        <source>Bij het starten kijken of er een nieuwe versie is</source>
        <translation>At start, check whether there is a new version</translation>
    </message>
    <message>
        <source>Bij het starten zoeken naar een nieuwe versie</source>
        <translation>Look for a new version at start</translation>
    </message>
    <message>
        <source>De portal is de website waar de nieuwste versie van de kit staat. Je bibliotheek of de beheerder van de kit geeft je het adres. Laat het leeg als deze computer nooit internet heeft: werk de kit dan bij met een updatebestand.</source>
        <translation>The portal is the website with the newest version of the kit. Your library or whoever manages the kit gives you the address. Leave it empty if this computer never has internet: then update the kit with an update file.</translation>
    </message>
    <message>
        <source>Het programma kijkt alleen als er internet is, en stoort je niet. Het gebruikt de proxy-instellingen en de certificaten van je systeem.</source>
        <translation>The program only looks when there is internet, and does not disturb you. It uses the proxy settings and certificates of your system.</translation>
    </message>
    <message>
        <source>Adres van de portal:</source>
        <translation>Address of the portal:</translation>
    </message>
</context>
<context>
    <name>UpdatesGlue</name>
    <message>
        <source>Updatebestand openen…</source>
        <translation>Open update file…</translation>
    </message>
    <message>
        <source>Updatebestand maken…</source>
        <translation>Make update file…</translation>
    </message>
    <message>
        <source>Zoeken naar een nieuwe versie</source>
        <translation>Look for a new version</translation>
    </message>
    <message>
        <source>Instellingen…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Updates (nieuw)</source>
        <translation>Updates (new)</translation>
    </message>
    <message>
        <source>Updates: er is een nieuwe versie van de kit</source>
        <translation>Updates: there is a new version of the kit</translation>
    </message>
    <message>
        <source>Er is een nieuwe versie van de kit (versie {version}). Bij Updates (Ctrl+{number}) zie je wat er verandert en kun je hem installeren.</source>
        <translation>There is a new version of the kit (version {version}). In Updates (Ctrl+{number}) you can see what changes and install it.</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <source>{outcome} Wat nieuw of gewijzigd is, staat gemarkeerd in de Bibliotheek.</source>
        <translation>{outcome} What is new or changed is marked in the Library.</translation>
    </message>
</context>
<context>
    <name>UpdatesScreen</name>
    <message>
        <source>{done} van {total} bestanden · {done_size} van {total_size}</source>
        <translation>{done} of {total} files · {done_size} of {total_size}</translation>
    </message>
    <message>
        <source>Versie {version} (gepubliceerd {date})</source>
        <translation>Version {version} (published {date})</translation>
    </message>
    <message>
        <source>Nieuw ({count})</source>
        <translation>New ({count})</translation>
    </message>
    <message>
        <source>Gewijzigd ({count})</source>
        <translation>Changed ({count})</translation>
    </message>
    <message>
        <source>Verwijderd ({count})</source>
        <translation>Removed ({count})</translation>
    </message>
    <message>
        <source>Geen documenten erbij of eraf; wel andere informatie in de kit.</source>
        <translation>No documents added or removed; other information in the kit has changed.</translation>
    </message>
    <message>
        <source>Te downloaden: 1 bestand, {size}.</source>
        <translation>To download: 1 file, {size}.</translation>
    </message>
    <message>
        <source>Te downloaden: {count} bestanden, {size}.</source>
        <translation>To download: {count} files, {size}.</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <source>Op deze computer</source>
        <translation>On this computer</translation>
    </message>
    <message>
        <source>Nu zoeken naar een nieuwe versie</source>
        <translation>Look for a new version now</translation>
    </message>
    <message>
        <source>Nu zoeken naar een nieuwe versie van de kit</source>
        <translation>Look for a new version of the kit now</translation>
    </message>
    <message>
        <source>Instellingen…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Instellingen voor updates</source>
        <translation>Settings for updates</translation>
    </message>
    <message>
        <source>Via internet (portal)</source>
        <translation>Over the internet (portal)</translation>
    </message>
    <message>
        <source>Uitkomst</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Wat er verandert in de nieuwe versie</source>
        <translation>What changes in the new version</translation>
    </message>
    <message>
        <source>Installeren</source>
        <translation>Install</translation>
    </message>
    <message>
        <source>Nieuwe versie installeren</source>
        <translation>Install the new version</translation>
    </message>
    <message>
        <source>Nieuwe versie</source>
        <translation>New version</translation>
    </message>
    <message>
        <source>Voortgang</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Stoppen</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Stoppen met bijwerken</source>
        <translation>Stop updating</translation>
    </message>
    <message>
        <source>Haal een nieuwe versie van de kit op: van de portal als er internet is, of met een updatebestand (bijvoorbeeld van een USB-stick). Je eigen vinkjes, notities en plannen blijven altijd bewaard.</source>
        <translation>Get a new version of the kit: from the portal when there is internet, or with an update file (from a USB stick, for example). Your own ticks, notes and plans are always kept.</translation>
    </message>
    <message>
        <source>Heeft deze computer geen internet? Zet op een computer met internet de kit in een updatebestand ({suffix}), neem het mee op een USB-stick en open het hier. Je kunt het bestand ook op dit venster slepen.</source>
        <translation>Does this computer have no internet? On a computer with internet, put the kit in an update file ({suffix}), bring it on a USB stick and open it here. You can also drag the file onto this window.</translation>
    </message>
    <message>
        <source>Updatebestand openen…</source>
        <translation>Open update file…</translation>
    </message>
    <message>
        <source>Updatebestand openen en installeren</source>
        <translation>Open and install an update file</translation>
    </message>
    <message>
        <source>Updatebestand maken…</source>
        <translation>Make update file…</translation>
    </message>
    <message>
        <source>De kit van deze computer opslaan als updatebestand</source>
        <translation>Save the kit on this computer as an update file</translation>
    </message>
    <message>
        <source>Zonder internet (updatebestand)</source>
        <translation>Without internet (update file)</translation>
    </message>
    <message>
        <source>Portal: {url}</source>
        <translation>Portal: {url}</translation>
    </message>
    <message>
        <source>Er is nog geen kit geïnstalleerd.</source>
        <translation>No kit has been installed yet.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt;, versie {version} (gepubliceerd {date})</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;, version {version} (published {date})</translation>
    </message>
    <message>
        <source>Bijgewerkt van versie {version}: {changes}</source>
        <translation>Updated from version {version}: {changes}</translation>
    </message>
    <message>
        <source>{count} nieuw</source>
        <translation>{count} new</translation>
    </message>
    <message>
        <source>{count} gewijzigd</source>
        <translation>{count} changed</translation>
    </message>
    <message>
        <source>{count} weg</source>
        <translation>{count} removed</translation>
    </message>
    <message>
        <source>Documenten: {summary}. In de Bibliotheek staat wat nieuw is.</source>
        <translation>Documents: {summary}. The Library shows what is new.</translation>
    </message>
    <message>
        <source>Deze versie is verlopen op {date}: er is waarschijnlijk een nieuwere. Zoek hieronder naar een nieuwe versie of vraag om een updatebestand. Lezen kan gewoon.</source>
        <translation>This version expired on {date}: there is probably a newer one. Look for a new version below or ask for an update file. Reading works as usual.</translation>
    </message>
    <message>
        <source>Even geduld: het programma is nog bezig met de kit.</source>
        <translation>Please wait: the program is still busy with the kit.</translation>
    </message>
    <message>
        <source>Bezig…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Er ging iets mis. Er is niets veranderd.</source>
        <translation>Something went wrong. Nothing has changed.</translation>
    </message>
    <message>
        <source>Stoppen…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <source>Stel eerst het adres van de portal in met de knop Instellingen.</source>
        <translation>First set the address of the portal with the Settings button.</translation>
    </message>
    <message>
        <source>Zoeken naar een nieuwe versie…</source>
        <translation>Looking for a new version…</translation>
    </message>
    <message>
        <source>De nieuwe versie wordt geïnstalleerd…</source>
        <translation>Installing the new version…</translation>
    </message>
    <message>
        <source>Het updatebestand {name} wordt geopend…</source>
        <translation>Opening the update file {name}…</translation>
    </message>
    <message>
        <source>Het updatebestand wordt gemaakt…</source>
        <translation>Making the update file…</translation>
    </message>
    <message>
        <source>Opgeslagen: {path} (versie {version}, {size}). Zet dit bestand op een USB-stick en open het op de andere computer.</source>
        <translation>Saved: {path} (version {version}, {size}). Put this file on a USB stick and open it on the other computer.</translation>
    </message>
    <message>
        <source>Updatebestand openen</source>
        <translation>Open update file</translation>
    </message>
    <message>
        <source>Updatebestand (*{suffix})</source>
        <translation>Update file (*{suffix})</translation>
    </message>
    <message>
        <source>Updatebestand maken</source>
        <translation>Make update file</translation>
    </message>
</context>
<context>
    <name>ViewerGlue</name>
    <message>
        <source>PDF openen</source>
        <translation>Open PDF</translation>
    </message>
    <message>
        <source>PDF-bestanden (*.pdf);;Alle bestanden (*)</source>
        <translation>PDF files (*.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>Het document “{title}” staat niet meer in de kit: de nieuwe versie heeft het weggehaald. Het is gesloten.</source>
        <translation>The document “{title}” is no longer in the kit: the new version removed it. It has been closed.</translation>
    </message>
    <message>
        <source>Dit document is bijgewerkt met de nieuwe versie van de kit.</source>
        <translation>This document has been updated with the new version of the kit.</translation>
    </message>
</context>
<context>
    <name>ViewerScreen</name>
    <message>
        <source>Paginabreedte</source>
        <translation>Page width</translation>
    </message>
    <message>
        <source>Hele pagina</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>Deze link gaat naar een website. Je bent nu niet online, dus hij kan niet worden geopend. Probeer het later opnieuw als er internet is.</source>
        <translation>This link goes to a website. You are not online now, so it cannot be opened. Try again later when there is internet.</translation>
    </message>
    <message>
        <source>Link openen</source>
        <translation>Open link</translation>
    </message>
    <message>
        <source>Deze link opent een website in je browser:

{url}

Wil je de website openen?</source>
        <translation>This link opens a website in your browser:

{url}

Do you want to open the website?</translation>
    </message>
    <message>
        <source>Opslaan als ingevulde PDF</source>
        <translation>Save as filled-in PDF</translation>
    </message>
    <message>
        <source>Afdrukken</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Melding over het document</source>
        <translation>Message about the document</translation>
    </message>
    <message>
        <source>Voortgang afdrukken</source>
        <translation>Printing progress</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Afdrukken annuleren</source>
        <translation>Cancel printing</translation>
    </message>
    <message>
        <source>{name} ({keys})</source>
        <translation>{name} ({keys})</translation>
    </message>
    <message>
        <source>Presenteren</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Afdrukken…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Opslaan als ingevulde PDF…</source>
        <translation>Save as filled-in PDF…</translation>
    </message>
    <message>
        <source>Opslaan als PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>Printpakket maken…</source>
        <translation>Make print pack…</translation>
    </message>
    <message>
        <source>Printpakket: het draaiboek met de werkbladen in één PDF</source>
        <translation>Print pack: the facilitator guide with the worksheets in one PDF</translation>
    </message>
    <message>
        <source>Printpakket</source>
        <translation>Print pack</translation>
    </message>
    <message>
        <source>Zoeken in dit document</source>
        <translation>Search in this document</translation>
    </message>
    <message>
        <source>Zoeken in dit document (Ctrl+F)</source>
        <translation>Search in this document (Ctrl+F)</translation>
    </message>
    <message>
        <source>Zoeken</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Zijbalk</source>
        <translation>Side panel</translation>
    </message>
    <message>
        <source>Zijbalk tonen of verbergen</source>
        <translation>Show or hide the side panel</translation>
    </message>
    <message>
        <source>← Terug</source>
        <translation>← Back</translation>
    </message>
    <message>
        <source>Terug naar de vorige lijst</source>
        <translation>Back to the previous list</translation>
    </message>
    <message>
        <source>Terug (Alt+Links)</source>
        <translation>Back (Alt+Left)</translation>
    </message>
    <message>
        <source>Titel van het document</source>
        <translation>Title of the document</translation>
    </message>
    <message>
        <source>Dit werkblad kun je hier invullen. Wat je typt, wordt bewaard.</source>
        <translation>You can fill in this worksheet here. What you type is kept.</translation>
    </message>
    <message>
        <source>Vorige pagina</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Vorige pagina (Links)</source>
        <translation>Previous page (Left)</translation>
    </message>
    <message>
        <source>Volgende pagina</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>Volgende pagina (Rechts)</source>
        <translation>Next page (Right)</translation>
    </message>
    <message>
        <source>Paginanummer</source>
        <translation>Page number</translation>
    </message>
    <message>
        <source>Ga naar pagina (Ctrl+G)</source>
        <translation>Go to page (Ctrl+G)</translation>
    </message>
    <message>
        <source>Aantal pagina&apos;s</source>
        <translation>Number of pages</translation>
    </message>
    <message>
        <source>Kleiner</source>
        <translation>Smaller</translation>
    </message>
    <message>
        <source>Kleiner (Ctrl+-)</source>
        <translation>Smaller (Ctrl+-)</translation>
    </message>
    <message>
        <source>Groter</source>
        <translation>Larger</translation>
    </message>
    <message>
        <source>Groter (Ctrl++)</source>
        <translation>Larger (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Zoom (Ctrl+scrollwiel)</source>
        <translation>Zoom (Ctrl+scroll wheel)</translation>
    </message>
    <message>
        <source>Printpakket maken</source>
        <translation>Make print pack</translation>
    </message>
    <message>
        <source>Scherm voor presenteren</source>
        <translation>Screen for presenting</translation>
    </message>
    <message>
        <source>Pagina</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>van {count}</source>
        <translation>of {count}</translation>
    </message>
    <message>
        <source>Wat je hebt ingevuld kon niet worden bewaard. Probeer opnieuw.</source>
        <translation>What you filled in could not be kept. Please try again.</translation>
    </message>
    <message>
        <source>Niets opgeslagen: pas de tekst aan en probeer opnieuw.</source>
        <translation>Nothing saved: adjust the text and try again.</translation>
    </message>
    <message>
        <source>Het ingevulde werkblad kon niet worden gemaakt. Probeer opnieuw.</source>
        <translation>The filled-in worksheet could not be made. Please try again.</translation>
    </message>
    <message>
        <source>Opslaan lukte niet in {folder}. Kies een andere map en probeer opnieuw.</source>
        <translation>Saving in {folder} did not work. Choose another folder and try again.</translation>
    </message>
    <message>
        <source>Opgeslagen: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>Printpakket {title}</source>
        <translation>Print pack {title}</translation>
    </message>
    <message>
        <source>Scherm {number}: {name} ({width}×{height})</source>
        <translation>Screen {number}: {name} ({width}×{height})</translation>
    </message>
    <message>
        <source>scherm</source>
        <translation>screen</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Te doen</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>Bezig</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Klaar</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Hoog</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Normaal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Laag</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Dit plan bestaat niet meer.</source>
        <translation>This plan no longer exists.</translation>
    </message>
    <message>
        <source>Deze actie bestaat niet meer.</source>
        <translation>This action no longer exists.</translation>
    </message>
    <message>
        <source>startdatum</source>
        <translation>start date</translation>
    </message>
    <message>
        <source>einddatum</source>
        <translation>due date</translation>
    </message>
    <message>
        <source>datum</source>
        <translation>date</translation>
    </message>
    <message>
        <source>De {label} is geen geldige datum.</source>
        <translation>The {label} is not a valid date.</translation>
    </message>
    <message>
        <source>De {what} is te lang (meer dan {limit} tekens).</source>
        <translation>The {what} is too long (more than {limit} characters).</translation>
    </message>
    <message>
        <source>Geef de actie een titel.</source>
        <translation>Give the action a title.</translation>
    </message>
    <message>
        <source>titel</source>
        <translation>title</translation>
    </message>
    <message>
        <source>Een tekst bij deze actie is te lang.</source>
        <translation>A text of this action is too long.</translation>
    </message>
    <message>
        <source>Kies als status te doen, bezig of klaar.</source>
        <translation>Choose to do, in progress or done as the status.</translation>
    </message>
    <message>
        <source>Kies als prioriteit hoog, normaal of laag.</source>
        <translation>Choose high, normal or low as the priority.</translation>
    </message>
    <message>
        <source>Een gekoppeld document heeft geen geldige naam.</source>
        <translation>A linked document does not have a valid name.</translation>
    </message>
    <message>
        <source>Geef het plan een naam.</source>
        <translation>Give the plan a name.</translation>
    </message>
    <message>
        <source>naam</source>
        <translation>name</translation>
    </message>
    <message>
        <source>Een tekst bij dit plan is te lang.</source>
        <translation>A text of this plan is too long.</translation>
    </message>
    <message>
        <source>Eigen volgorde</source>
        <translation>Own order</translation>
    </message>
    <message>
        <source>Einddatum</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Prioriteit</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Alle datums</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>Te laat</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>Binnen 7 dagen</source>
        <translation>Within 7 days</translation>
    </message>
    <message>
        <source>Binnen 30 dagen</source>
        <translation>Within 30 days</translation>
    </message>
    <message>
        <source>Zonder einddatum</source>
        <translation>Without due date</translation>
    </message>
    <message>
        <source>De startdatum ligt na de einddatum. Pas een van de twee aan.</source>
        <translation>The start date is after the due date. Change one of the two.</translation>
    </message>
    <message>
        <source>niet meer in de kit</source>
        <translation>no longer in the kit</translation>
    </message>
    <message>
        <source>Gestopt. De kit is niet aangepast.</source>
        <translation>Stopped. The kit has not been changed.</translation>
    </message>
    <message>
        <source>Klaar.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <source>De kit heeft geen handtekening. Hij is niet geïnstalleerd.</source>
        <translation>The kit has no signature. It has not been installed.</translation>
    </message>
    <message>
        <source>Deze kit is ondertekend met een oude sleutel die niet meer wordt vertrouwd (hij is openbaar geworden). Hij is niet geïnstalleerd. Haal de kit opnieuw op bij de portal of vraag om een nieuw updatebestand.</source>
        <translation>This kit is signed with an old key that is no longer trusted (it became public). It was not installed. Get the kit again from the portal or ask for a new update file.</translation>
    </message>
    <message>
        <source>De handtekening van de kit klopt niet. De kit is misschien veranderd na het maken. Hij is niet geïnstalleerd.</source>
        <translation>The signature of the kit is not right. The kit may have been changed after it was made. It has not been installed.</translation>
    </message>
    <message>
        <source>Dit is een andere kit dan de strategiekit Hoger Bereik. Hij is niet geïnstalleerd.</source>
        <translation>This is a different kit from the strategiekit Hoger Bereik. It has not been installed.</translation>
    </message>
    <message>
        <source>Versie {version} van de kit is al geïnstalleerd.</source>
        <translation>Version {version} of the kit is already installed.</translation>
    </message>
    <message>
        <source>Deze kit (versie {version}) is ouder dan de geïnstalleerde (versie {installed}). Er is niets veranderd.</source>
        <translation>This kit (version {version}) is older than the installed one (version {installed}). Nothing has changed.</translation>
    </message>
    <message>
        <source>Deze kit (versie {version}) is ouder dan een versie die al eerder op deze computer stond (versie {highest}). Er is niets veranderd.</source>
        <translation>This kit (version {version}) is older than a version this computer had before (version {highest}). Nothing was changed.</translation>
    </message>
    <message>
        <source>Het bestand {name} is niet compleet of te groot. De kit is niet aangepast.</source>
        <translation>The file {name} is incomplete or too large. The kit has not been changed.</translation>
    </message>
    <message>
        <source>Het bestand {name} is veranderd of beschadigd. De kit is niet aangepast.</source>
        <translation>The file {name} has been changed or damaged. The kit has not been changed.</translation>
    </message>
    <message>
        <source>het document heeft te veel pagina&apos;s</source>
        <translation>the document has too many pages</translation>
    </message>
    <message>
        <source>De kit wordt gecontroleerd…</source>
        <translation>Checking the kit…</translation>
    </message>
    <message>
        <source>Document {number} van {total} wordt klaargezet…</source>
        <translation>Setting up document {number} of {total}…</translation>
    </message>
    <message>
        <source>De zoekindex wordt bijgewerkt…</source>
        <translation>Updating the search index…</translation>
    </message>
    <message>
        <source>Hier staat geen kit: de inhoudslijst (manifest.json) ontbreekt.</source>
        <translation>There is no kit here: the list of contents (manifest.json) is missing.</translation>
    </message>
    <message>
        <source>Het bestand {name} ontbreekt in de kit. De kit is niet aangepast.</source>
        <translation>The file {name} is missing from the kit. The kit has not been changed.</translation>
    </message>
    <message>
        <source>Handleiding</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>Handleidingen</source>
        <translation>Guides</translation>
    </message>
    <message>
        <source>Werkblad</source>
        <translation>Worksheet</translation>
    </message>
    <message>
        <source>Werkbladen</source>
        <translation>Worksheets</translation>
    </message>
    <message>
        <source>Workshop</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <source>Workshops</source>
        <translation>Workshops</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>Tip</translation>
    </message>
    <message>
        <source>Tips van andere bibliotheken</source>
        <translation>Tips from other libraries</translation>
    </message>
    <message>
        <source>Voorbeeld</source>
        <translation>Example</translation>
    </message>
    <message>
        <source>Voorbeelden</source>
        <translation>Examples</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Persona&apos;s</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Presentatie</source>
        <translation>Presentation</translation>
    </message>
    <message>
        <source>Presentaties</source>
        <translation>Presentations</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Video&apos;s</source>
        <translation>Videos</translation>
    </message>
    <message>
        <source>De inhoudslijst van de kit is onjuist. De kit is niet aangepast.</source>
        <translation>The list of contents of the kit is wrong. The kit has not been changed.</translation>
    </message>
    <message>
        <source>Deze kit is gemaakt voor een nieuwere versie van het programma. Werk het programma bij en probeer het opnieuw.</source>
        <translation>This kit was made for a newer version of the program. Update the program and try again.</translation>
    </message>
    <message>
        <source>Dit actieplan-bestand klopt niet: {reason} Er is niets geïmporteerd.</source>
        <translation>This action plan file is not right: {reason} Nothing has been imported.</translation>
    </message>
    <message>
        <source>Dit bestand is te groot voor een actieplan.</source>
        <translation>This file is too large for an action plan.</translation>
    </message>
    <message>
        <source>Het bestand kan niet worden gelezen.</source>
        <translation>The file cannot be read.</translation>
    </message>
    <message>
        <source>Dit bestand is leeg. Er is niets geïmporteerd.</source>
        <translation>This file is empty. Nothing has been imported.</translation>
    </message>
    <message>
        <source>Dit is geen actieplan-bestand (het is geen tekst). Er is niets geïmporteerd.</source>
        <translation>This is not an action plan file (it is not text). Nothing has been imported.</translation>
    </message>
    <message>
        <source>Dit actieplan-bestand zit veel dieper in elkaar dan een actieplan. Er is niets geïmporteerd.</source>
        <translation>This action plan file is nested far deeper than an action plan. Nothing was imported.</translation>
    </message>
    <message>
        <source>Dit actieplan-bestand bevat ongeldige tekens. Er is niets geïmporteerd.</source>
        <translation>This action plan file contains invalid characters. Nothing was imported.</translation>
    </message>
    <message>
        <source>Dit actieplan-bestand is beschadigd of niet compleet. Er is niets geïmporteerd.</source>
        <translation>This action plan file is damaged or incomplete. Nothing has been imported.</translation>
    </message>
    <message>
        <source>Dit is geen actieplan-bestand van de Strategiekit. Er is niets geïmporteerd.</source>
        <translation>This is not a Strategiekit action plan file. Nothing has been imported.</translation>
    </message>
    <message>
        <source>Dit actieplan-bestand is beschadigd (versie onbekend). Er is niets geïmporteerd.</source>
        <translation>This action plan file is damaged (unknown version). Nothing has been imported.</translation>
    </message>
    <message>
        <source>Dit actieplan is gemaakt met een nieuwere versie van het programma. Werk het programma bij en probeer het opnieuw. Er is niets geïmporteerd.</source>
        <translation>This action plan was made with a newer version of the program. Update the program and try again. Nothing has been imported.</translation>
    </message>
    <message>
        <source>actie {number}</source>
        <translation>action {number}</translation>
    </message>
    <message>
        <source>het plan ontbreekt.</source>
        <translation>the plan is missing.</translation>
    </message>
    <message>
        <source>de lijst met acties ontbreekt.</source>
        <translation>the list of actions is missing.</translation>
    </message>
    <message>
        <source>er staan meer dan {count} acties in.</source>
        <translation>it holds more than {count} actions.</translation>
    </message>
    <message>
        <source>de naam van het plan</source>
        <translation>the name of the plan</translation>
    </message>
    <message>
        <source>{where} is geen actie.</source>
        <translation>{where} is not an action.</translation>
    </message>
    <message>
        <source>de documenten bij {where} kloppen niet.</source>
        <translation>the documents of {where} are not right.</translation>
    </message>
    <message>
        <source>{where} heeft een onbekende status.</source>
        <translation>{where} has an unknown status.</translation>
    </message>
    <message>
        <source>{where} heeft een onbekende prioriteit.</source>
        <translation>{where} has an unknown priority.</translation>
    </message>
    <message>
        <source>bij {where} ligt de startdatum na de einddatum.</source>
        <translation>in {where} the start date is after the due date.</translation>
    </message>
    <message>
        <source>de titel van {where}</source>
        <translation>the title of {where}</translation>
    </message>
    <message>
        <source>{what} is geen tekst.</source>
        <translation>{what} is not text.</translation>
    </message>
    <message>
        <source>{what} is leeg.</source>
        <translation>{what} is empty.</translation>
    </message>
    <message>
        <source>{what} is te lang.</source>
        <translation>{what} is too long.</translation>
    </message>
    <message>
        <source>{where} heeft een ongeldige datum.</source>
        <translation>{where} has a date that is not valid.</translation>
    </message>
    <message>
        <source>Het document {id} kon niet als PDF worden opgemaakt.</source>
        <translation>The document {id} could not be laid out as a PDF.</translation>
    </message>
    <message>
        <source>Dia {number} van {id} heeft te veel tekst voor één dia.</source>
        <translation>Slide {number} of {id} has too much text for one slide.</translation>
    </message>
    <message>
        <source>De kit kan zo niet worden gepubliceerd.</source>
        <translation>The kit cannot be published like this.</translation>
    </message>
    <message>
        <source>De sleutellijst (keys.json) is niet ondertekend met de root-sleutel die dit programma vertrouwt. Onderteken hem opnieuw met sign-keys.</source>
        <translation>The key list (keys.json) is not signed with the root key this program trusts. Sign it again with sign-keys.</translation>
    </message>
    <message>
        <source>De sleutellijst (keys.json) is onjuist.</source>
        <translation>The key list (keys.json) is not valid.</translation>
    </message>
    <message>
        <source>Deze sleutel staat niet op de sleutellijst (keys.json). Onderteken met een sleutel van de lijst, of maak een nieuwe lijst met sign-keys.</source>
        <translation>This key is not on the key list (keys.json). Sign with a key from the list, or make a new list with sign-keys.</translation>
    </message>
    <message>
        <source>Een bestand past niet bij de inhoudslijst.</source>
        <translation>A file does not match the list of contents.</translation>
    </message>
    <message>
        <source>het bestand kan niet worden gelezen</source>
        <translation>the file cannot be read</translation>
    </message>
    <message>
        <source>versie {version} is lager dan de gepubliceerde versie {previous}</source>
        <translation>version {version} is lower than the published version {previous}</translation>
    </message>
    <message>
        <source>De notities in {id} kloppen niet.</source>
        <translation>The notes in {id} are not right.</translation>
    </message>
    <message>
        <source>het bestand is leeg of groter dan {limit} MB</source>
        <translation>the file is empty or larger than {limit} MB</translation>
    </message>
    <message>
        <source>De bronnen zijn veranderd. Verhoog de versie in kit.toml en publiceer opnieuw.</source>
        <translation>The sources have changed. Raise the version in kit.toml and publish again.</translation>
    </message>
    <message>
        <source>de map met bronnen bestaat niet</source>
        <translation>the sources folder does not exist</translation>
    </message>
    <message>
        <source>het id {id} komt twee keer voor</source>
        <translation>the id {id} appears twice</translation>
    </message>
    <message>
        <source>er staan geen documenten in de bronnen</source>
        <translation>there are no documents in the sources</translation>
    </message>
    <message>
        <source>het bestand is geen UTF-8-tekst</source>
        <translation>the file is not UTF-8 text</translation>
    </message>
    <message>
        <source>de kop (tussen +++) is geen geldige TOML</source>
        <translation>the header (between +++) is not valid TOML</translation>
    </message>
    <message>
        <source>het veld {key} ontbreekt</source>
        <translation>the field {key} is missing</translation>
    </message>
    <message>
        <source>het id {id} moet gelijk zijn aan de bestandsnaam</source>
        <translation>the id {id} must be the same as the file name</translation>
    </message>
    <message>
        <source>onbekend soort document {type}</source>
        <translation>unknown kind of document {type}</translation>
    </message>
    <message>
        <source>&apos;themes&apos; moet een lijst met thema&apos;s zijn</source>
        <translation>&apos;themes&apos; must be a list of themes</translation>
    </message>
    <message>
        <source>onbekend thema {theme}</source>
        <translation>unknown theme {theme}</translation>
    </message>
    <message>
        <source>alleen een video heeft een &apos;media&apos;-bestand</source>
        <translation>only a video has a &apos;media&apos; file</translation>
    </message>
    <message>
        <source>het document heeft geen tekst</source>
        <translation>the document has no text</translation>
    </message>
    <message>
        <source>alleen een workshop heeft &apos;werkbladen&apos;</source>
        <translation>only a workshop has &apos;werkbladen&apos;</translation>
    </message>
    <message>
        <source>&apos;werkbladen&apos; moet een lijst van hoogstens {count} ids zijn</source>
        <translation>&apos;werkbladen&apos; must be a list of at most {count} ids</translation>
    </message>
    <message>
        <source>&apos;werkbladen&apos; noemt {id} twee keer</source>
        <translation>&apos;werkbladen&apos; names {id} twice</translation>
    </message>
    <message>
        <source>&apos;werkbladen&apos; noemt {id}, maar dat bestaat niet</source>
        <translation>&apos;werkbladen&apos; names {id}, but it does not exist</translation>
    </message>
    <message>
        <source>&apos;werkbladen&apos; noemt {id}, maar dat is geen werkblad</source>
        <translation>&apos;werkbladen&apos; names {id}, but it is not a worksheet</translation>
    </message>
    <message>
        <source>{key} moet een bestand zijn dat eindigt op {kinds}</source>
        <translation>{key} must be a file ending in {kinds}</translation>
    </message>
    <message>
        <source>{key} moet in de map met bronnen staan</source>
        <translation>{key} must be inside the sources folder</translation>
    </message>
    <message>
        <source>het bestand {file} bestaat niet</source>
        <translation>the file {file} does not exist</translation>
    </message>
    <message>
        <source>alleen een video heeft een &apos;url&apos;</source>
        <translation>only a video has a &apos;url&apos;</translation>
    </message>
    <message>
        <source>het veld &apos;url&apos; ontbreekt</source>
        <translation>the field &apos;url&apos; is missing</translation>
    </message>
    <message>
        <source>de &apos;url&apos; moet beginnen met https://</source>
        <translation>the &apos;url&apos; must start with https://</translation>
    </message>
    <message>
        <source>het bestand moet beginnen met een kop tussen +++</source>
        <translation>the file must start with a header between +++</translation>
    </message>
    <message>
        <source>de kop wordt niet afgesloten met +++</source>
        <translation>the header is not closed with +++</translation>
    </message>
    <message>
        <source>regel {number} van de tekst klopt niet</source>
        <translation>line {number} of the text is not right</translation>
    </message>
    <message>
        <source>regel {number}: [[{kind}]] hoort alleen in een presentatie</source>
        <translation>line {number}: [[{kind}]] belongs only in a presentation</translation>
    </message>
    <message>
        <source>regel {number}: de veldnaam {name} komt twee keer voor</source>
        <translation>line {number}: the field name {name} appears twice</translation>
    </message>
    <message>
        <source>&apos;documents&apos; moet een lijst zijn</source>
        <translation>&apos;documents&apos; must be a list</translation>
    </message>
    <message>
        <source>het document {id} bestaat niet</source>
        <translation>the document {id} does not exist</translation>
    </message>
    <message>
        <source>hoogstens {count} groepen synoniemen</source>
        <translation>at most {count} synonym groups</translation>
    </message>
    <message>
        <source>&apos;words&apos; moet een lijst van {low} tot {high} woorden zijn (elk hoogstens {limit} tekens)</source>
        <translation>&apos;words&apos; must be a list of {low} to {high} words (each at most {limit} characters)</translation>
    </message>
    <message>
        <source>het bestand ontbreekt</source>
        <translation>the file is missing</translation>
    </message>
    <message>
        <source>het bestand is geen geldige TOML</source>
        <translation>the file is not valid TOML</translation>
    </message>
    <message>
        <source>het id {value} ({what}) komt twee keer voor</source>
        <translation>the id {value} ({what}) appears twice</translation>
    </message>
    <message>
        <source>Fout in de bronnen van de kit, in {name}: {problem}.</source>
        <translation>Mistake in the sources of the kit, in {name}: {problem}.</translation>
    </message>
    <message>
        <source>het veld {key} moet een tekst zijn (hoogstens {limit} tekens)</source>
        <translation>the field {key} must be a text (at most {limit} characters)</translation>
    </message>
    <message>
        <source>het veld {key} moet een heel getal van {low} tot {high} zijn</source>
        <translation>the field {key} must be a whole number from {low} to {high}</translation>
    </message>
    <message>
        <source>het veld {key} moet een datum zijn, zoals 2026-11-23</source>
        <translation>the field {key} must be a date, like 2026-11-23</translation>
    </message>
    <message>
        <source>{value} is geen geldig id (kleine letters, cijfers en -)</source>
        <translation>{value} is not a valid id (lowercase letters, digits and -)</translation>
    </message>
    <message>
        <source>{quoted} moet een lijst van [[{key}]]-blokken zijn</source>
        <translation>{quoted} must be a list of [[{key}]] blocks</translation>
    </message>
    <message>
        <source>onbekend veld {field} (tikfout?)</source>
        <translation>unknown field {field} (a typo?)</translation>
    </message>
    <message>
        <source>geheime sleutel</source>
        <translation>private key</translation>
    </message>
    <message>
        <source>publieke sleutel</source>
        <translation>public key</translation>
    </message>
    <message>
        <source>Deze {what} is beschadigd.</source>
        <translation>This {what} is damaged.</translation>
    </message>
    <message>
        <source>Dit is geen {what}.</source>
        <translation>This is not a {what}.</translation>
    </message>
    <message>
        <source>De sleutel {path} kan niet worden gelezen.</source>
        <translation>The key {path} cannot be read.</translation>
    </message>
    <message>
        <source>De opgeslagen kit is beschadigd.</source>
        <translation>The stored kit is damaged.</translation>
    </message>
    <message>
        <source>De opgeslagen kit komt uit een andere versie van het programma.</source>
        <translation>The stored kit comes from another version of the program.</translation>
    </message>
    <message>
        <source>Dit bestand is geen kit van dit programma.</source>
        <translation>This file is not a kit of this program.</translation>
    </message>
    <message>
        <source>De schijf is vol: {name} kon niet worden bijgewerkt. Er is niets veranderd. Maak ruimte vrij op de schijf en probeer het opnieuw.</source>
        <translation>The disk is full: {name} could not be updated. Nothing was changed. Free up space on the disk and try again.</translation>
    </message>
    <message>
        <source>De map {folder} is alleen-lezen: wat je veranderde is niet bewaard.</source>
        <translation>The folder {folder} is read-only: what you changed was not saved.</translation>
    </message>
    <message>
        <source>De schijf gaf een fout bij het schrijven van {name}. Er is niets veranderd. Is de schijf of USB-stick vol of losgeraakt? Probeer het opnieuw.</source>
        <translation>The disk reported an error while writing {name}. Nothing was changed. Is the disk or USB stick full or disconnected? Try again.</translation>
    </message>
    <message>
        <source>{name} is bezet door een ander programma. Er is niets veranderd. Probeer het over een ogenblik opnieuw.</source>
        <translation>{name} is in use by another program. Nothing was changed. Try again in a moment.</translation>
    </message>
    <message>
        <source>Het bestand {name} is beschadigd.</source>
        <translation>The file {name} is damaged.</translation>
    </message>
    <message>
        <source>Het bestand {name} kan niet worden geopend.</source>
        <translation>The file {name} cannot be opened.</translation>
    </message>
    <message>
        <source>{reason} Of geef het adres mee: sync --portal URL.</source>
        <translation>{reason} Or give the address: sync --portal URL.</translation>
    </message>
    <message>
        <source>Het bestand {name} op de portal is groter dan de inhoudslijst zegt. De kit is niet aangepast.</source>
        <translation>The file {name} on the portal is larger than the list of contents says. The kit has not been changed.</translation>
    </message>
    <message>
        <source>De download kan niet worden bewaard in {folder}. Is de schijf vol? De kit is niet aangepast.</source>
        <translation>The download cannot be kept in {folder}. Is the disk full? The kit has not been changed.</translation>
    </message>
    <message>
        <source>De download moet opnieuw beginnen. Probeer het nog eens. De kit is niet aangepast.</source>
        <translation>The download has to start again. Please try once more. The kit has not been changed.</translation>
    </message>
    <message>
        <source>De verbinding viel weg tijdens het downloaden. Wat al binnen was, is bewaard: de volgende keer gaat het verder waar het stopte. De kit is niet aangepast.</source>
        <translation>The connection was lost during the download. What had arrived is kept: next time it carries on where it stopped. The kit has not been changed.</translation>
    </message>
    <message>
        <source>De verbinding met de portal is te traag. Wat al binnen was, is bewaard: de volgende keer gaat het verder. Probeer het later opnieuw. De kit is niet aangepast.</source>
        <translation>The connection to the portal is too slow. What arrived has been kept: next time it continues. Try again later. The kit was not changed.</translation>
    </message>
    <message>
        <source>De portal doet er te lang over. Wat al binnen was, is bewaard: de volgende keer gaat het verder. Probeer het later opnieuw. De kit is niet aangepast.</source>
        <translation>The portal takes too long. What arrived has been kept: next time it continues. Try again later. The kit was not changed.</translation>
    </message>
    <message>
        <source>Dit is geen geldig adres van een portal. Het begint met https:// (bijvoorbeeld https://www.voorbeeld.nl/strategiekit/).</source>
        <translation>This is not a valid portal address. It starts with https:// (for example https://www.voorbeeld.nl/strategiekit/).</translation>
    </message>
    <message>
        <source>Gebruik een veilig adres: het begint met https://.</source>
        <translation>Use a secure address: it starts with https://.</translation>
    </message>
    <message>
        <source>De portal stuurt door naar een adres dat geen webadres is. Er is niets veranderd.</source>
        <translation>The portal sends you on to an address that is not a web address. Nothing has changed.</translation>
    </message>
    <message>
        <source>De kit op de portal heeft geen handtekening. Er is niets veranderd.</source>
        <translation>The kit on the portal has no signature. Nothing has changed.</translation>
    </message>
    <message>
        <source>Een bestand van de kit ontbreekt op de portal. Er is niets veranderd.</source>
        <translation>A file of the kit is missing on the portal. Nothing has changed.</translation>
    </message>
    <message>
        <source>Op dit adres staat geen kit. Controleer het adres van de portal bij Instellingen. Er is niets veranderd.</source>
        <translation>There is no kit at this address. Check the address of the portal in Settings. Nothing has changed.</translation>
    </message>
    <message>
        <source>De portal gaf een fout ({code}). Probeer het later opnieuw. Er is niets veranderd.</source>
        <translation>The portal gave an error ({code}). Try again later. Nothing has changed.</translation>
    </message>
    <message>
        <source>De portal antwoordt niet op tijd. Controleer de internetverbinding en probeer het later opnieuw. Er is niets veranderd.</source>
        <translation>The portal does not answer in time. Check the internet connection and try again later. Nothing has changed.</translation>
    </message>
    <message>
        <source>De beveiligde verbinding met de portal is niet te vertrouwen (certificaat). Er is niets veranderd.</source>
        <translation>The secure connection to the portal cannot be trusted (certificate). Nothing has changed.</translation>
    </message>
    <message>
        <source>De portal is niet bereikbaar. Controleer de internetverbinding en het adres bij Instellingen. Er is niets veranderd.</source>
        <translation>The portal cannot be reached. Check the internet connection and the address in Settings. Nothing has changed.</translation>
    </message>
    <message>
        <source>Offline: er is niet gezocht naar een nieuwe versie van de kit.</source>
        <translation>Offline: no search was made for a new version of the kit.</translation>
    </message>
    <message>
        <source>De kit is bijgewerkt naar versie {version}.</source>
        <translation>The kit has been updated to version {version}.</translation>
    </message>
    <message>
        <source>Er is nog geen portal ingesteld. Vul het adres in bij Bestand &gt; Instellingen (tabblad Updates). Zonder portal kun je de kit bijwerken met een updatebestand.</source>
        <translation>No portal has been set yet. Fill in the address in File &gt; Settings (Updates tab). Without a portal you can update the kit with an update file.</translation>
    </message>
    <message>
        <source>De portal biedt een verlopen versie van de kit aan (geldig tot {date}). Misschien wordt de portal niet meer bijgewerkt, of houdt iemand nieuwe versies tegen. Er is niets veranderd; vraag de beheerder van de portal of gebruik een updatebestand.</source>
        <translation>The portal offers an expired version of the kit (valid until {date}). Perhaps the portal is no longer updated, or someone is holding back new versions. Nothing was changed; ask the portal&apos;s administrator or use an update file.</translation>
    </message>
    <message>
        <source>Je hebt de nieuwste versie van de kit (versie {version}).</source>
        <translation>You have the newest version of the kit (version {version}).</translation>
    </message>
    <message>
        <source>Er is een nieuwe versie van de kit: versie {version}.</source>
        <translation>There is a new version of the kit: version {version}.</translation>
    </message>
    <message>
        <source>Het gedownloade bestand {name} is verdwenen. Probeer het opnieuw. De kit is niet aangepast.</source>
        <translation>The downloaded file {name} has disappeared. Try again. The kit has not been changed.</translation>
    </message>
    <message>
        <source>De portal biedt versie {offered} van de kit aan, maar deze computer heeft al versie {installed}. Een oudere versie wordt niet geïnstalleerd. Er is niets veranderd.</source>
        <translation>The portal offers version {offered} of the kit, but this computer already has version {installed}. An older version is not installed. Nothing has changed.</translation>
    </message>
    <message>
        <source>De portal geeft een onverwacht antwoord (304 zonder inhoudslijst). Probeer het later opnieuw. Er is niets veranderd.</source>
        <translation>The portal gives an unexpected answer (304 without a manifest). Try again later. Nothing was changed.</translation>
    </message>
    <message>
        <source>De inhoudslijst op de portal is te groot. Er is niets veranderd.</source>
        <translation>The list of contents on the portal is too large. Nothing has changed.</translation>
    </message>
    <message>
        <source>De handtekening op de portal is geen handtekening. Er is niets veranderd.</source>
        <translation>The signature on the portal is not a signature. Nothing has changed.</translation>
    </message>
    <message>
        <source>De sleutellijst op de portal is te groot. Er is niets veranderd.</source>
        <translation>The key list on the portal is too large. Nothing was changed.</translation>
    </message>
    <message>
        <source>Zoeken naar een nieuwe versie…</source>
        <translation>Looking for a new version…</translation>
    </message>
    <message>
        <source>Downloaden: bestand {number} van {total}…</source>
        <translation>Downloading: file {number} of {total}…</translation>
    </message>
    <message>
        <source>Het updatebestand wordt gecontroleerd…</source>
        <translation>Checking the update file…</translation>
    </message>
    <message>
        <source>Versie {version} van de kit is al geïnstalleerd. Er is niets veranderd.</source>
        <translation>Version {version} of the kit is already installed. Nothing has changed.</translation>
    </message>
    <message>
        <source>Dit updatebestand is beschadigd of niet compleet (misschien is het kopiëren niet afgemaakt). Kopieer het opnieuw en probeer het nog eens. Er is niets veranderd.</source>
        <translation>This update file is damaged or incomplete (perhaps the copying did not finish). Copy it again and try once more. Nothing has changed.</translation>
    </message>
    <message>
        <source>Dit updatebestand is op een manier ingepakt die dit programma niet kan lezen (een andere zip-versie, versleuteld of met een andere compressie). Maak het updatebestand opnieuw met Strategiekit Companion. Er is niets veranderd.</source>
        <translation>This update file is packed in a way this program cannot read (another zip version, encrypted or with other compression). Make the update file again with Strategiekit Companion. Nothing was changed.</translation>
    </message>
    <message>
        <source>Dit updatebestand pakt uit tot veel meer dan het zegt te bevatten. Het updatebestand is niet gebruikt. Er is niets veranderd.</source>
        <translation>This update file unpacks to much more than it says it holds. The update file has not been used. Nothing has changed.</translation>
    </message>
    <message>
        <source>Het updatebestand {name} is niet gevonden.</source>
        <translation>The update file {name} was not found.</translation>
    </message>
    <message>
        <source>Het updatebestand {name} kan niet worden gelezen.</source>
        <translation>The update file {name} cannot be read.</translation>
    </message>
    <message>
        <source>Dit updatebestand is onveilig: het wil een bestand buiten zijn eigen map zetten ({name}). Het updatebestand is niet gebruikt. Er is niets veranderd.</source>
        <translation>This update file is unsafe: it wants to put a file outside its own folder ({name}). The update file has not been used. Nothing has changed.</translation>
    </message>
    <message>
        <source>Dit is geen updatebestand van de strategiekit: de inhoudslijst ontbreekt. Het updatebestand is niet gebruikt. Er is niets veranderd.</source>
        <translation>This is not a strategiekit update file: the list of contents is missing. The update file has not been used. Nothing has changed.</translation>
    </message>
    <message>
        <source>Het bestand {name} in het updatebestand is groter dan de inhoudslijst zegt. Het updatebestand is niet gebruikt. Er is niets veranderd.</source>
        <translation>The file {name} in the update file is larger than the list of contents says. The update file has not been used. Nothing has changed.</translation>
    </message>
    <message>
        <source>Het bestand {name} ontbreekt in het updatebestand. Het updatebestand is niet gebruikt. Er is niets veranderd.</source>
        <translation>The file {name} is missing from the update file. The update file has not been used. Nothing has changed.</translation>
    </message>
    <message>
        <source>Het updatebestand kan niet worden opgeslagen in {folder}. Is de schijf of USB-stick vol of alleen-lezen? Kies een andere plek.</source>
        <translation>The update file cannot be saved in {folder}. Is the disk or USB stick full or read-only? Choose another place.</translation>
    </message>
    <message>
        <source>In de opgeslagen kit ontbreekt iets of is iets kapot.</source>
        <translation>Something is missing or broken in the stored kit.</translation>
    </message>
    <message>
        <source>Er is nog geen kit geïnstalleerd om op te slaan.</source>
        <translation>There is no installed kit to save yet.</translation>
    </message>
    <message>
        <source>Het bestand {name} ontbreekt in de opgeslagen kit.</source>
        <translation>The file {name} is missing from the stored kit.</translation>
    </message>
    <message>
        <source>De printer kan niet worden gestart. Kies een andere printer of probeer het opnieuw.</source>
        <translation>The printer cannot be started. Choose another printer or try again.</translation>
    </message>
    <message>
        <source>Afdrukken is halverwege gestopt.</source>
        <translation>Printing stopped halfway.</translation>
    </message>
    <message>
        <source>Het PDF-bestand kon niet worden opgeslagen. Kies een andere map.</source>
        <translation>The PDF file could not be saved. Choose another folder.</translation>
    </message>
    <message>
        <source>Typ bijvoorbeeld 15-3-2027, 15 maart 2027, morgen of vrijdag.</source>
        <translation>Type for example 15-3-2027, 15 March 2027, tomorrow or Friday.</translation>
    </message>
    <message>
        <source>‘{text}’ is geen datum. {example}</source>
        <translation>‘{text}’ is not a date. {example}</translation>
    </message>
    <message>
        <source>Een maand gaat van 1 tot en met 12. {example}</source>
        <translation>A month runs from 1 to 12. {example}</translation>
    </message>
    <message>
        <source>Het jaar {year} ligt te ver weg. Klopt het jaartal?</source>
        <translation>The year {year} is too far away. Is the year right?</translation>
    </message>
    <message>
        <source>{month} {year} heeft geen dag {day}.</source>
        <translation>{month} {year} has no day {day}.</translation>
    </message>
    <message>
        <source>Januari</source>
        <translation>January</translation>
    </message>
    <message>
        <source>Februari</source>
        <translation>February</translation>
    </message>
    <message>
        <source>Maart</source>
        <translation>March</translation>
    </message>
    <message>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <source>Mei</source>
        <translation>May</translation>
    </message>
    <message>
        <source>Juni</source>
        <translation>June</translation>
    </message>
    <message>
        <source>Juli</source>
        <translation>July</translation>
    </message>
    <message>
        <source>Augustus</source>
        <translation>August</translation>
    </message>
    <message>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <source>Oktober</source>
        <translation>October</translation>
    </message>
    <message>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <source>December</source>
        <translation>December</translation>
    </message>
    <message>
        <source>Die dag is een {weekday}. Klopt de datum?</source>
        <translation>That day is a {weekday}. Is the date right?</translation>
    </message>
    <message>
        <source>maandag</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>dinsdag</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>woensdag</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>donderdag</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>vrijdag</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>zaterdag</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>zondag</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>Je eigen gegevens (user.sqlite) kunnen niet worden gelezen. Er is niets gewist.</source>
        <translation>Your own data (user.sqlite) cannot be read. Nothing was deleted.</translation>
    </message>
    <message>
        <source>Je gegevens komen uit een oudere versie van het programma en de map {folder} is alleen-lezen, dus ze kunnen niet worden bijgewerkt.</source>
        <translation>Your data comes from an older version of the program and the folder {folder} is read-only, so it cannot be updated.</translation>
    </message>
    <message>
        <source>Je gegevens zijn gemaakt met een nieuwere versie van het programma. Werk het programma bij.</source>
        <translation>Your data was made with a newer version of the program. Update the program.</translation>
    </message>
    <message>
        <source>Het bestand met standaardinstellingen ({path}) kan niet worden gelezen en is overgeslagen. Vraag je IT-afdeling het na te kijken.</source>
        <translation>The file with default settings ({path}) cannot be read and has been skipped. Ask your IT department to look at it.</translation>
    </message>
    <message>
        <source>In het bestand met standaardinstellingen ({path}) is overgeslagen wat niet klopt: {keys}. De rest geldt wel.</source>
        <translation>In the file with default settings ({path}), what is not right has been skipped: {keys}. The rest does apply.</translation>
    </message>
    <message>
        <source>{name} (niet meer in de kit)</source>
        <translation>{name} (no longer in the kit)</translation>
    </message>
    <message>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Omschrijving</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Stap</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Documenten</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Partner (vindplaats)</source>
        <translation>Partner (where you find people)</translation>
    </message>
    <message>
        <source>Eigenaar</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Startdatum</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>Uit de checklist</source>
        <translation>From the checklist</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}: {value}</translation>
    </message>
    <message>
        <source>Actieplan</source>
        <translation>Action plan</translation>
    </message>
    <message>
        <source>Actieplan {name}</source>
        <translation>Action plan {name}</translation>
    </message>
    <message>
        <source>{title} (klaar)</source>
        <translation>{title} (done)</translation>
    </message>
    <message>
        <source>Dit plan heeft nog geen acties.</source>
        <translation>This plan has no actions yet.</translation>
    </message>
    <message>
        <source>1 actie</source>
        <translation>1 action</translation>
    </message>
    <message>
        <source>{count} acties</source>
        <translation>{count} actions</translation>
    </message>
    <message>
        <source>{count} te laat</source>
        <translation>{count} late</translation>
    </message>
    <message>
        <source>Stap {number}. {title}</source>
        <translation>Step {number}. {title}</translation>
    </message>
    <message>
        <source>Zonder stap</source>
        <translation>Without a step</translation>
    </message>
    <message>
        <source>Actieplan: {name}</source>
        <translation>Action plan: {name}</translation>
    </message>
    <message>
        <source>Bibliotheek / locatie: {place}</source>
        <translation>Library / location: {place}</translation>
    </message>
    <message>
        <source>Afgedrukt op {date}</source>
        <translation>Printed on {date}</translation>
    </message>
    <message>
        <source>TE LAAT</source>
        <translation>LATE</translation>
    </message>
    <message>
        <source>start {date}</source>
        <translation>start {date}</translation>
    </message>
    <message>
        <source>klaar op {date}</source>
        <translation>due {date}</translation>
    </message>
    <message>
        <source>eigenaar: {name}</source>
        <translation>owner: {name}</translation>
    </message>
    <message>
        <source>Actie</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Partner / eigenaar</source>
        <translation>Partner / owner</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Actieplan {name}  ·  pagina {number} van {total}</source>
        <translation>Action plan {name}  ·  page {number} of {total}</translation>
    </message>
    <message>
        <source>Pagina {number} opgemaakt</source>
        <translation>Page {number} laid out</translation>
    </message>
    <message>
        <source>Geef de datum als JJJJ-MM-DD, bijvoorbeeld 2028-12-31.</source>
        <translation>Give the date as YYYY-MM-DD, for example 2028-12-31.</translation>
    </message>
    <message>
        <source>De sleutellijst {path} (met keys.json.sig ernaast) kan niet worden gelezen. Geef hem mee met --keys.</source>
        <translation>The key list {path} (with keys.json.sig beside it) cannot be read. Pass it with --keys.</translation>
    </message>
    <message>
        <source>Alleen lezen: de gegevensmap {folder} kan niet worden beschreven. Je kunt de kit lezen en zoeken, maar wat je verandert wordt niet bewaard.</source>
        <translation>Read only: the data folder {folder} cannot be written. You can read and search the kit, but what you change is not saved.</translation>
    </message>
    <message>
        <source>De lijst met vertrouwde sleutels van deze kit is verlopen op {date}. Kijk bij Updates of er een nieuwe versie van de kit is. Lezen kan gewoon.</source>
        <translation>The list of trusted keys of this kit expired on {date}. Check Updates for a newer version of the kit. You can keep reading.</translation>
    </message>
    <message>
        <source>De geïnstalleerde kit was ondertekend met een sleutel die niet meer wordt vertrouwd. De kit wordt opnieuw klaargezet; het oude bestand is bewaard als {name}. Je eigen gegevens blijven zoals ze waren.</source>
        <translation>The installed kit was signed with a key that is no longer trusted. The kit is being set up again; the old file is kept as {name}. Your own data stays as it was.</translation>
    </message>
    <message>
        <source>De opgeslagen kit was beschadigd en wordt opnieuw klaargezet. Het oude bestand is bewaard als {name}. Je eigen gegevens blijven zoals ze waren.</source>
        <translation>The stored kit was damaged and is being set up again. The old file is kept as {name}. Your own data stays as it was.</translation>
    </message>
    <message>
        <source>De kit heeft geen geldige lijst met vertrouwde sleutels. Hij is niet geïnstalleerd.</source>
        <translation>The kit has no valid list of trusted keys. It was not installed.</translation>
    </message>
    <message>
        <source>De kit kan niet worden bewaard in {folder}. Is de schijf vol? De kit is niet aangepast.</source>
        <translation>The kit cannot be stored in {folder}. Is the disk full? The kit was not changed.</translation>
    </message>
    <message>
        <source>Er kon geen reservekopie van je gegevens worden gemaakt in {folder}. Is de schijf vol? Je gegevens zelf zijn niet veranderd.</source>
        <translation>No backup of your data could be made in {folder}. Is the disk full? Your data itself was not changed.</translation>
    </message>
    <message>
        <source>De reservekopie {name} is zelf beschadigd. Kies een andere. Er is niets veranderd.</source>
        <translation>The backup {name} is damaged itself. Choose another one. Nothing was changed.</translation>
    </message>
    <message>
        <source>Strategiekit Companion is al open voor de gegevensmap {folder}. Gebruik dat venster; een tweede keer starten kan niet.</source>
        <translation>Strategiekit Companion is already open for the data folder {folder}. Use that window; it cannot be started a second time.</translation>
    </message>
    <message>
        <source>Je eigen gegevens konden niet worden gelezen. Het oude bestand is bewaard als {name}.</source>
        <translation>Your own data could not be read. The old file is kept as {name}.</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <translation>{file}: {reason}</translation>
    </message>
    <message>
        <source>{file}, pagina {page}: {reason}</source>
        <translation>{file}, page {page}: {reason}</translation>
    </message>
    <message>
        <source>De kit is niet geïnstalleerd: 1 bestand is niet goed.</source>
        <translation>The kit was not installed: 1 file is not right.</translation>
    </message>
    <message>
        <source>De kit is niet geïnstalleerd: {count} bestanden zijn niet goed.</source>
        <translation>The kit was not installed: {count} files are not right.</translation>
    </message>
    <message>
        <source>Er is niets gepubliceerd. Los deze problemen op en publiceer opnieuw:</source>
        <translation>Nothing was published. Fix these problems and publish again:</translation>
    </message>
    <message>
        <source>het programma liep vast op dit bestand (het is waarschijnlijk kapot)</source>
        <translation>the program got stuck on this file (it is probably damaged)</translation>
    </message>
    <message>
        <source>het lezen van de pagina duurde te lang (meer dan {seconds} seconden)</source>
        <translation>reading the page took too long (more than {seconds} seconds)</translation>
    </message>
    <message>
        <source>een PNG-afbeelding</source>
        <translation>a PNG image</translation>
    </message>
    <message>
        <source>een JPEG-afbeelding</source>
        <translation>a JPEG image</translation>
    </message>
    <message>
        <source>een GIF-afbeelding</source>
        <translation>a GIF image</translation>
    </message>
    <message>
        <source>een TIFF-afbeelding</source>
        <translation>a TIFF image</translation>
    </message>
    <message>
        <source>een EPUB-boek</source>
        <translation>an EPUB book</translation>
    </message>
    <message>
        <source>een Word-document (DOCX)</source>
        <translation>a Word document (DOCX)</translation>
    </message>
    <message>
        <source>een XPS-document</source>
        <translation>an XPS document</translation>
    </message>
    <message>
        <source>een zip-bestand</source>
        <translation>a zip file</translation>
    </message>
    <message>
        <source>een webpagina (HTML)</source>
        <translation>a web page (HTML)</translation>
    </message>
    <message>
        <source>een SVG-afbeelding</source>
        <translation>an SVG image</translation>
    </message>
    <message>
        <source>een XML-bestand</source>
        <translation>an XML file</translation>
    </message>
    <message>
        <source>dit is geen PDF</source>
        <translation>this is not a PDF</translation>
    </message>
    <message>
        <source>dit is geen PDF maar {kind}</source>
        <translation>this is not a PDF but {kind}</translation>
    </message>
    <message>
        <source>het bestand is beschadigd en kan niet worden gelezen</source>
        <translation>the file is damaged and cannot be read</translation>
    </message>
    <message>
        <source>het bestand is beveiligd (versleuteld of met een wachtwoord); sla het op zonder beveiliging</source>
        <translation>the file is protected (encrypted or with a password); save it without protection</translation>
    </message>
    <message>
        <source>het bestand heeft geen pagina&apos;s</source>
        <translation>the file has no pages</translation>
    </message>
    <message>
        <source>Het document {name} kan niet worden geopend: {reason}.</source>
        <translation>The document {name} cannot be opened: {reason}.</translation>
    </message>
    <message>
        <source>de pagina is beschadigd en kan niet worden gelezen</source>
        <translation>the page is damaged and cannot be read</translation>
    </message>
    <message>
        <source>{name} is geen PDF. Kies een PDF-bestand (het eindigt meestal op .pdf).</source>
        <translation>{name} is not a PDF. Choose a PDF file (its name usually ends in .pdf).</translation>
    </message>
    <message>
        <source>Het document {name} is beveiligd met een wachtwoord en kan niet worden geopend.</source>
        <translation>The document {name} is protected with a password and cannot be opened.</translation>
    </message>
    <message>
        <source>Het document {name} is leeg: er staan geen pagina&apos;s in.</source>
        <translation>The document {name} is empty: it has no pages.</translation>
    </message>
    <message>
        <source>Het bestand {name} is er niet (meer), of je mag het niet lezen.</source>
        <translation>The file {name} is not there (any more), or you may not read it.</translation>
    </message>
    <message>
        <source>Het document {name} is beschadigd en kan niet worden geopend.</source>
        <translation>The document {name} is damaged and cannot be opened.</translation>
    </message>
    <message>
        <source>Het tekenen duurde langer dan {seconds} seconden. Bij Instellingen, tabblad Documenten, kun je het programma meer tijd geven.</source>
        <translation>Drawing took longer than {seconds} seconds. In Settings, tab Documents, you can give the program more time.</translation>
    </message>
    <message>
        <source>Het tekenen van deze pagina liep vast. De rest van het document werkt gewoon.</source>
        <translation>Drawing this page got stuck. The rest of the document works as usual.</translation>
    </message>
    <message>
        <source>Er is te weinig geheugen om deze pagina te tekenen.</source>
        <translation>There is not enough memory to draw this page.</translation>
    </message>
    <message>
        <source>Het document is beschadigd.</source>
        <translation>The document is damaged.</translation>
    </message>
    <message>
        <source>Deze pagina is beschadigd.</source>
        <translation>This page is damaged.</translation>
    </message>
    <message>
        <source>Kies een tijd tussen {low} en {high} seconden voor een pagina.</source>
        <translation>Choose a time between {low} and {high} seconds for a page.</translation>
    </message>
    <message>
        <source>Het notitiebestand {name} kon niet worden gelezen; de PDF is zonder notities geopend.</source>
        <translation>The notes file {name} could not be read; the PDF was opened without notes.</translation>
    </message>
    <message>
        <source>Het document staat open, maar dat je het gelezen hebt kon niet worden bewaard. {reason}</source>
        <translation>The document is open, but that you read it could not be saved. {reason}</translation>
    </message>
</context>
</TS>
