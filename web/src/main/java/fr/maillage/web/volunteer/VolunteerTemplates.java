package fr.maillage.web.volunteer;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The volunteer pages' templates (src/main/resources/templates/volunteer/), checked at build time. */
@CheckedTemplate(basePath = "volunteer")
public class VolunteerTemplates {
    public static native TemplateInstance home(HomePage.View v);

    public static native TemplateInstance availability(AvailabilityPage.View v);

    public static native TemplateInstance calendar(CalendarPage.View v);

    public static native TemplateInstance answer(AnswerPage.View v);
}
