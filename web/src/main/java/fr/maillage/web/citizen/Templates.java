package fr.maillage.web.citizen;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The citizen pages' templates (src/main/resources/templates/citizen/), checked at build time. */
@CheckedTemplate(basePath = "citizen")
public class Templates {
    public static native TemplateInstance search(SearchPage.View v);

    public static native TemplateInstance place(PlacePages.PlaceView v);

    public static native TemplateInstance offer(PlacePages.OfferView v);

    public static native TemplateInstance book(BookingPages.BookView v);

    public static native TemplateInstance code(BookingPages.CodeView v);

    public static native TemplateInstance confirmation(BookingPages.ConfirmationView v);

    public static native TemplateInstance self(SelfServicePages.SelfView v);

    public static native TemplateInstance cancel(SelfServicePages.SelfView v);

    public static native TemplateInstance change(SelfServicePages.ChangeView v);

    public static native TemplateInstance error(ErrorPages.ErrorView v);

    public static native TemplateInstance widget(WidgetPages.WidgetView v);

    public static native TemplateInstance embed(WidgetPages.EmbedView v);
}
