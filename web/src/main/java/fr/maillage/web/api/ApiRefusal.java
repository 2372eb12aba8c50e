package fr.maillage.web.api;

/** The API refused a request (4xx): its status and problem+json body, to be shown to the person in plain French. */
public class ApiRefusal extends RuntimeException {
    public final int status;
    public final Dto.Problem problem;

    public ApiRefusal(int status, Dto.Problem problem) {
        super("API refusal " + status, null, false, false);
        this.status = status;
        this.problem = problem;
    }

    /** The detail to show, in French (the API's when it has one). */
    public String detail() {
        if (problem != null && problem.detail() != null && !problem.detail().isBlank()) {
            return problem.detail();
        }
        return switch (status) {
            case 404 -> "Nous ne trouvons pas ce que vous cherchez.";
            case 409 -> "Ce n'est plus possible : la situation a changé entre-temps.";
            case 429 -> "Trop de demandes en peu de temps. Réessayez dans quelques minutes.";
            default -> "Votre demande n'a pas pu être enregistrée.";
        };
    }
}
