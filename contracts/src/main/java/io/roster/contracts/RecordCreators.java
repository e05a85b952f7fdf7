package io.roster.contracts;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleValueInstantiators;

/**
 * Public records made through their constructor's method handle, spread from the argument array once and for all.
 * Jackson 3.1 calls a creator of several arguments with {@link MethodHandle#invokeWithArguments}, which on Java 17
 * builds a new spreading handle for every call: a few hundred nanoseconds and several objects for each payload,
 * actor and list element decoded (each of the thousand accounts of a batch command). The instantiator is Jackson's
 * own otherwise: whenever the direct call fails (a record's own check refusing a value, a null for a primitive), the
 * record is made again through Jackson's path, which reports the failure as it always did.
 */
final class RecordCreators extends SimpleValueInstantiators {

    private static final long serialVersionUID = 1L;

    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
            BeanDescription.Supplier description, ValueInstantiator instantiator) {
        if (instantiator.getClass() != StdValueInstantiator.class
                || !(((StdValueInstantiator) instantiator).getWithArgsCreator() instanceof AnnotatedConstructor creator)) {
            return instantiator;
        }
        Constructor<?> constructor = creator.getAnnotated();
        if (!constructor.getDeclaringClass().isRecord()
                || !Modifier.isPublic(constructor.getModifiers())
                || !Modifier.isPublic(constructor.getDeclaringClass().getModifiers())) {
            return instantiator;
        }
        try {
            int arity = constructor.getParameterCount();
            MethodHandle spread = MethodHandles.publicLookup().unreflectConstructor(constructor)
                    .asType(MethodType.genericMethodType(arity))
                    .asSpreader(Object[].class, arity);
            return new Direct((StdValueInstantiator) instantiator, spread);
        } catch (IllegalAccessException | RuntimeException notReachable) {
            return instantiator;
        }
    }

    private static final class Direct extends StdValueInstantiator {

        private static final long serialVersionUID = 1L;

        /** {@code (Object[]) -> Object}: the constructor's arguments spread from the array, the record returned. */
        private final transient MethodHandle spread;

        Direct(StdValueInstantiator jacksons, MethodHandle spread) {
            super(jacksons);
            this.spread = spread;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] arguments) {
            try {
                return (Object) spread.invokeExact(arguments);
            } catch (Throwable refused) {
                // Jackson's path again, for the failure it reports (records are values: making one twice is harmless)
                return super.createFromObjectWith(context, arguments);
            }
        }
    }
}
