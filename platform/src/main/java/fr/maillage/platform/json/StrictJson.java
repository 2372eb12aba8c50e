package fr.maillage.platform.json;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are read strictly, so that what is stored is what the client meant:
 * <ul>
 * <li>one JSON value and nothing after it: trailing garbage is a 400, not silently ignored;</li>
 * <li>no coercion between scalar types: {@code 12} is not the name "12", {@code 1} is not {@code true} nor the first
 * constant of an enum, {@code "12"} is not a number, {@code 1.5} is not an integer — each is a 400 naming the field;</li>
 * <li>every text is checked by {@link Texts#refusal} (NUL and control characters, broken surrogates, invisible-only
 * texts), every date by its year (1 to 9999): a 400 naming the field ({@link RefusedValueException}), before anything
 * is stored.</li>
 * </ul>
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.String);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String);
        refuse(mapper, LogicalType.Float, CoercionInputShape.Boolean, CoercionInputShape.String);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer);
        mapper.registerModule(new SimpleModule("maillage-strict-values")
                .addDeserializer(String.class, new SafeStrings())
                .setDeserializerModifier(new BoundedDates()));
    }

    private static void refuse(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** Jackson's own String deserializer, then {@link Texts#refusal}. */
    static final class SafeStrings extends StringDeserializer {
        private static final long serialVersionUID = 1L;

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            String refusal = Texts.refusal(value);
            if (refusal != null) {
                throw new RefusedValueException(p, refusal);
            }
            return value;
        }
    }

    /** Wraps the java.time deserializers: a date whose year is outside 1–9999 is refused (year 100000, +1000000). */
    static final class BoundedDates extends BeanDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            return Temporal.class.isAssignableFrom(description.getBeanClass()) ? new BoundedDate(deserializer) : deserializer;
        }
    }

    static final class BoundedDate extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        BoundedDate(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new BoundedDate(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            TemporalAccessor t = value instanceof Instant i ? i.atOffset(ZoneOffset.UTC) : (TemporalAccessor) value;
            if (t != null && t.isSupported(ChronoField.YEAR)) {
                int year = t.get(ChronoField.YEAR);
                if (year < 1 || year > 9999) {
                    throw new RefusedValueException(p, "l'année doit être comprise entre 1 et 9999");
                }
            }
            return value;
        }
    }
}
