package fr.maillage.web.agent;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The desk pages' templates (src/main/resources/templates/agent/), checked at build time. */
@CheckedTemplate(basePath = "agent")
public class AgentTemplates {
    public static native TemplateInstance today(TodayPage.View v);

    public static native TemplateInstance search(DeskBookingPages.SearchView v);

    public static native TemplateInstance person(DeskBookingPages.PersonView v);

    public static native TemplateInstance booked(DeskBookingPages.BookedView v);

    public static native TemplateInstance slip(DeskBookingPages.BookedView v);

    public static native TemplateInstance referrals(ReferralPages.ListView v);

    public static native TemplateInstance refer(ReferralPages.FormView v);

    public static native TemplateInstance permanences(PermanencePages.ListView v);

    public static native TemplateInstance permanence(PermanencePages.View v);

    public static native TemplateInstance absences(AbsencePages.ListView v);

    public static native TemplateInstance absence(AbsencePages.FormView v);

    public static native TemplateInstance absencePreview(AbsencePages.PreviewView v);

    public static native TemplateInstance absenceResult(AbsencePages.ResultView v);
}
