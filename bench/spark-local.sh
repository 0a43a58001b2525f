#!/usr/bin/env bash
# Runs tcplint's Spark job (org.tcplint.spark.CheckJob) in local mode with plain `java -cp`: the
# job's jar and Spark's class path as Maven resolves it, no Spark download, no spark-submit.
#
#   bench/spark-local.sh -o OUT [--fail-on LEVEL] [--rule ID=LEVEL]... [--partition-by date|rule] PATH...
#   MASTER='local[4]' SPARK_JAVA_OPTS=-Xmx8g bench/spark-local.sh -o OUT s3a://bucket/captures/
#
# Builds target/tcplint-spark.jar and target/spark-classpath.txt when missing (mvn -Pspark).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
jar="$repo/target/tcplint-spark.jar"
cp_file="$repo/target/spark-classpath.txt"
[ -f "$jar" ] || (cd "$repo" && mvn -B -q -Pspark package -DskipTests)
[ -s "$cp_file" ] || (cd "$repo" && mvn -B -q -Pspark dependency:build-classpath \
  -Dmdep.includeScope=compile -Dmdep.outputFile="$cp_file")
# What Spark's launcher gives its JVMs on Java 17 (the profile's spark.jvm.options in pom.xml).
opens="-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
  java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
  sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
# shellcheck disable=SC2086 # word splitting of the option lists is intended
exec java $opens ${SPARK_JAVA_OPTS:--Xmx4g} \
  -Dspark.master="${MASTER:-local[2]}" -Dspark.ui.enabled=false \
  -Dlog4j2.configurationFile="$repo/bench/spark-log4j2.properties" \
  -cp "$jar:$(cat "$cp_file")" org.tcplint.spark.CheckJob "$@"
