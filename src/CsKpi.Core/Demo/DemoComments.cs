using CsKpi.Core.Model;

namespace CsKpi.Core.Demo;

public enum CommentTone
{
    Negative,
    Neutral,
    Positive,
}

/// <summary>
/// The demo's survey comments: sentences in English, Italian, Polish and Dutch, per tone, about the service (CSAT,
/// NPS), the effort it took (CES) or the workplace (eNPS). A comment's tone follows its score band.
/// </summary>
public static class DemoComments
{
    public static readonly IReadOnlyList<string> Languages = ["en", "it", "pl", "nl"];

    /// <summary>The tone a respondent with this score writes in: the bands the KPIs use.</summary>
    public static CommentTone ToneOf(SurveyKind kind, short score) => kind switch
    {
        SurveyKind.Csat => score <= 2 ? CommentTone.Negative : score == 3 ? CommentTone.Neutral : CommentTone.Positive,
        // 0–6 detractors, 7–8 passives, 9–10 promoters.
        SurveyKind.Nps or SurveyKind.Enps =>
            score <= 6 ? CommentTone.Negative : score <= 8 ? CommentTone.Neutral : CommentTone.Positive,
        // 1–7, lower is better (kpis.md).
        SurveyKind.Ces => score >= 5 ? CommentTone.Negative : score == 4 ? CommentTone.Neutral : CommentTone.Positive,
    };

    /// <summary>How often a respondent writes something: unhappy ones more often.</summary>
    public static double CommentRate(CommentTone tone) => tone switch
    {
        CommentTone.Negative => 0.55,
        CommentTone.Neutral => 0.25,
        CommentTone.Positive => 0.35,
    };

    public static string Pick(Random random, SurveyKind kind, string language, CommentTone tone)
    {
        var pool = Pools[(Topic(kind), language, tone)];
        return pool[random.Next(pool.Length)];
    }

    /// <summary>The language and tone of a demo comment (null: not one of the demo's sentences).</summary>
    public static (string Language, CommentTone Tone)? Find(string comment) =>
        ByText.TryGetValue(comment, out var found) ? found : null;

    private enum CommentTopic
    {
        Service,
        Effort,
        Workplace,
    }

    private static CommentTopic Topic(SurveyKind kind) => kind switch
    {
        SurveyKind.Csat or SurveyKind.Nps => CommentTopic.Service,
        SurveyKind.Ces => CommentTopic.Effort,
        SurveyKind.Enps => CommentTopic.Workplace,
    };

    private static readonly Dictionary<(CommentTopic, string, CommentTone), string[]> Pools = new()
    {
        [(CommentTopic.Service, "en", CommentTone.Positive)] =
        [
            "Quick and friendly help, thank you!", "The agent knew exactly what to do. Solved in one call.",
            "Very patient and clear explanation.", "Great service, my refund arrived the same day.",
            "Polite, fast and competent. Keep it up.",
        ],
        [(CommentTopic.Service, "en", CommentTone.Neutral)] =
        [
            "It was fine, but it took a while to get an answer.", "Problem solved, although I had to wait a bit.",
            "OK overall. The first reply was rather generic.", "Friendly, but I still had to follow up once.",
            "Decent help, nothing special.",
        ],
        [(CommentTopic.Service, "en", CommentTone.Negative)] =
        [
            "Nobody answered my email for three days.", "I had to explain my problem three times.",
            "The issue is still not fixed.", "The agent closed my ticket without solving anything.",
            "Long wait on the phone and then the call dropped.",
        ],
        [(CommentTopic.Effort, "en", CommentTone.Positive)] =
        [
            "Really easy, one message and it was done.", "No hassle at all.", "Simple and quick.",
        ],
        [(CommentTopic.Effort, "en", CommentTone.Neutral)] =
        [
            "A few more steps than I expected.", "Not hard, but I had to look for the right form.",
            "Took some back and forth.",
        ],
        [(CommentTopic.Effort, "en", CommentTone.Negative)] =
        [
            "I had to call four times before anyone helped.", "Far too much effort for a simple change.",
            "I was passed from one department to another.",
        ],
        [(CommentTopic.Workplace, "en", CommentTone.Positive)] =
        [
            "Great team, I can always ask for help.", "I like the training and the trust we get.",
            "Good balance between work and private life.",
        ],
        [(CommentTopic.Workplace, "en", CommentTone.Neutral)] =
        [
            "Fine place to work, but the tools are slow.", "The workload varies too much from week to week.",
            "OK, though I would like clearer goals.",
        ],
        [(CommentTopic.Workplace, "en", CommentTone.Negative)] =
        [
            "Too many tickets and not enough people.", "Shift changes are announced far too late.",
            "Nobody listens to our feedback.",
        ],

        [(CommentTopic.Service, "it", CommentTone.Positive)] =
        [
            "Assistenza rapida e cortese, grazie!",
            "L'operatore sapeva esattamente cosa fare. Risolto in una chiamata.",
            "Spiegazione chiara e tanta pazienza.", "Servizio ottimo, il rimborso è arrivato in giornata.",
            "Gentili, veloci e competenti. Continuate così.",
        ],
        [(CommentTopic.Service, "it", CommentTone.Neutral)] =
        [
            "Tutto a posto, ma la risposta è arrivata tardi.", "Problema risolto, anche se ho dovuto aspettare un po'.",
            "Nel complesso bene. La prima risposta era piuttosto generica.",
            "Gentili, ma ho dovuto sollecitare una volta.", "Aiuto discreto, niente di speciale.",
        ],
        [(CommentTopic.Service, "it", CommentTone.Negative)] =
        [
            "Nessuno ha risposto alla mia email per tre giorni.", "Ho dovuto spiegare il problema tre volte.",
            "Il problema non è ancora risolto.", "Hanno chiuso la richiesta senza risolvere nulla.",
            "Lunga attesa al telefono e poi la chiamata è caduta.",
        ],
        [(CommentTopic.Effort, "it", CommentTone.Positive)] =
        [
            "Facilissimo, un messaggio ed era fatto.", "Nessuna complicazione.", "Semplice e veloce.",
        ],
        [(CommentTopic.Effort, "it", CommentTone.Neutral)] =
        [
            "Qualche passaggio in più del previsto.", "Non difficile, ma ho dovuto cercare il modulo giusto.",
            "Ci sono voluti un paio di scambi.",
        ],
        [(CommentTopic.Effort, "it", CommentTone.Negative)] =
        [
            "Ho dovuto chiamare quattro volte prima di ricevere aiuto.",
            "Troppa fatica per una modifica così semplice.", "Mi hanno passato da un reparto all'altro.",
        ],
        [(CommentTopic.Workplace, "it", CommentTone.Positive)] =
        [
            "Ottima squadra, posso sempre chiedere aiuto.", "Mi piacciono la formazione e la fiducia che riceviamo.",
            "Buon equilibrio tra lavoro e vita privata.",
        ],
        [(CommentTopic.Workplace, "it", CommentTone.Neutral)] =
        [
            "Si lavora bene, ma gli strumenti sono lenti.",
            "Il carico di lavoro cambia troppo da una settimana all'altra.",
            "Va bene, ma vorrei obiettivi più chiari.",
        ],
        [(CommentTopic.Workplace, "it", CommentTone.Negative)] =
        [
            "Troppi ticket e troppo poche persone.", "I cambi di turno vengono comunicati troppo tardi.",
            "Nessuno ascolta i nostri suggerimenti.",
        ],

        [(CommentTopic.Service, "pl", CommentTone.Positive)] =
        [
            "Szybka i miła pomoc, dziękuję!", "Konsultant dokładnie wiedział, co zrobić. Załatwione w jednej rozmowie.",
            "Bardzo cierpliwe i jasne wyjaśnienie.", "Świetna obsługa, zwrot pieniędzy dotarł tego samego dnia.",
            "Uprzejmie, szybko i kompetentnie. Tak trzymać.",
        ],
        [(CommentTopic.Service, "pl", CommentTone.Neutral)] =
        [
            "Było w porządku, ale na odpowiedź trzeba było poczekać.",
            "Problem rozwiązany, choć musiałem trochę poczekać.",
            "Ogólnie dobrze. Pierwsza odpowiedź była dość ogólnikowa.",
            "Miło, ale musiałam raz się przypomnieć.", "Przyzwoita pomoc, nic szczególnego.",
        ],
        [(CommentTopic.Service, "pl", CommentTone.Negative)] =
        [
            "Nikt nie odpowiedział na mojego maila przez trzy dni.", "Musiałem trzy razy tłumaczyć swój problem.",
            "Problem nadal nie jest rozwiązany.", "Zgłoszenie zamknięto, niczego nie rozwiązując.",
            "Długie czekanie na linii, a potem rozmowa została przerwana.",
        ],
        [(CommentTopic.Effort, "pl", CommentTone.Positive)] =
        [
            "Bardzo łatwo, jedna wiadomość i gotowe.", "Zero kłopotu.", "Prosto i szybko.",
        ],
        [(CommentTopic.Effort, "pl", CommentTone.Neutral)] =
        [
            "Trochę więcej kroków, niż się spodziewałem.",
            "Nie było trudno, ale musiałam szukać właściwego formularza.",
            "Trzeba było kilka razy pisać.",
        ],
        [(CommentTopic.Effort, "pl", CommentTone.Negative)] =
        [
            "Musiałem dzwonić cztery razy, zanim ktoś pomógł.", "O wiele za dużo wysiłku jak na prostą zmianę.",
            "Odsyłano mnie z jednego działu do drugiego.",
        ],
        [(CommentTopic.Workplace, "pl", CommentTone.Positive)] =
        [
            "Świetny zespół, zawsze mogę poprosić o pomoc.", "Podobają mi się szkolenia i zaufanie, które dostajemy.",
            "Dobra równowaga między pracą a życiem prywatnym.",
        ],
        [(CommentTopic.Workplace, "pl", CommentTone.Neutral)] =
        [
            "Dobre miejsce pracy, ale narzędzia są wolne.",
            "Obciążenie pracą za bardzo się zmienia z tygodnia na tydzień.",
            "W porządku, choć chciałbym jaśniejszych celów.",
        ],
        [(CommentTopic.Workplace, "pl", CommentTone.Negative)] =
        [
            "Za dużo zgłoszeń i za mało ludzi.", "O zmianach grafiku dowiadujemy się o wiele za późno.",
            "Nikt nie słucha naszych uwag.",
        ],

        [(CommentTopic.Service, "nl", CommentTone.Positive)] =
        [
            "Snelle en vriendelijke hulp, bedankt!", "De medewerker wist precies wat te doen. In één gesprek opgelost.",
            "Heel geduldig en duidelijk uitgelegd.", "Prima service, mijn terugbetaling was dezelfde dag binnen.",
            "Beleefd, snel en deskundig. Ga zo door.",
        ],
        [(CommentTopic.Service, "nl", CommentTone.Neutral)] =
        [
            "Het was goed, maar het duurde even voor ik antwoord kreeg.", "Opgelost, al moest ik wel even wachten.",
            "Over het algemeen oké. Het eerste antwoord was nogal algemeen.",
            "Vriendelijk, maar ik moest nog één keer nabellen.", "Redelijke hulp, niets bijzonders.",
        ],
        [(CommentTopic.Service, "nl", CommentTone.Negative)] =
        [
            "Drie dagen lang geen antwoord op mijn e-mail.", "Ik moest mijn probleem drie keer uitleggen.",
            "Het probleem is nog steeds niet opgelost.", "Mijn melding is gesloten zonder dat er iets is opgelost.",
            "Lang in de wacht gestaan en toen werd de verbinding verbroken.",
        ],
        [(CommentTopic.Effort, "nl", CommentTone.Positive)] =
        [
            "Heel makkelijk, één bericht en het was geregeld.", "Geen enkel gedoe.", "Simpel en snel.",
        ],
        [(CommentTopic.Effort, "nl", CommentTone.Neutral)] =
        [
            "Wat meer stappen dan ik had verwacht.", "Niet moeilijk, maar ik moest het juiste formulier zoeken.",
            "Het kostte wat heen en weer mailen.",
        ],
        [(CommentTopic.Effort, "nl", CommentTone.Negative)] =
        [
            "Ik moest vier keer bellen voordat iemand me hielp.", "Veel te veel moeite voor een simpele wijziging.",
            "Ik werd van de ene afdeling naar de andere doorverbonden.",
        ],
        [(CommentTopic.Workplace, "nl", CommentTone.Positive)] =
        [
            "Top team, ik kan altijd om hulp vragen.", "Ik waardeer de trainingen en het vertrouwen dat we krijgen.",
            "Goede balans tussen werk en privé.",
        ],
        [(CommentTopic.Workplace, "nl", CommentTone.Neutral)] =
        [
            "Prima werkplek, maar de systemen zijn traag.", "De werkdruk wisselt te veel van week tot week.",
            "Oké, al zou ik duidelijkere doelen willen.",
        ],
        [(CommentTopic.Workplace, "nl", CommentTone.Negative)] =
        [
            "Te veel tickets en te weinig mensen.", "Roosterwijzigingen worden veel te laat doorgegeven.",
            "Er wordt niet naar onze feedback geluisterd.",
        ],
    };

    private static readonly Dictionary<string, (string Language, CommentTone Tone)> ByText = Pools
        .SelectMany(p => p.Value.Select(text => (text, p.Key.Item2, p.Key.Item3)))
        .ToDictionary(p => p.text, p => (p.Item2, p.Item3), StringComparer.Ordinal);
}
