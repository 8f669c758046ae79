// Recording or correcting a testimonial: who said it (fixed on a contact's page), what about, the
// quote, and whether (and since when) they allow us to publish it, with how to credit them.
import { Checkbox, Group, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { clientKeys } from '../clients/api.ts';
import { type ContactChoice, ContactPicker } from '../clients/pickers.tsx';
import { FormModal } from '../components/FormModal.tsx';
import { notifySuccess, splitServerErrors } from '../lib/errors.ts';
import { type Testimonial, testimonialKeys, testimonialsApi } from './api.ts';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

type Values = {
  quote: string;
  about: string;
  mayPublish: boolean;
  permissionOn: string;
  attribution: string;
  collectedOn: string;
};

const FIELDS = [
  'quote',
  'about',
  'mayPublish',
  'permissionOn',
  'attribution',
  'collectedOn',
  'contactId',
] as const;

function initial(t: Testimonial | null): Values {
  return {
    quote: t?.quote ?? '',
    about: t?.about ?? '',
    mayPublish: t?.mayPublish ?? false,
    permissionOn: t?.permissionOn ?? '',
    attribution: t?.attribution ?? '',
    collectedOn: t?.collectedOn ?? today(),
  };
}

export function TestimonialModal({
  opened,
  onClose,
  contact: fixedContact,
  testimonial,
}: {
  opened: boolean;
  onClose: () => void;
  /** On a contact's page: the person, not to be changed. */
  contact?: ContactChoice | null;
  /** Given: edit this one. */
  testimonial?: Testimonial | null;
}) {
  const queryClient = useQueryClient();
  const editing = testimonial ?? null;
  const [values, setValues] = useState<Values>(() => initial(editing));
  const [contact, setContact] = useState<ContactChoice | null>(fixedContact ?? editing?.contact ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const save = useMutation({
    mutationFn: () => {
      const body = {
        quote: values.quote,
        about: values.about.trim() || null,
        mayPublish: values.mayPublish,
        permissionOn: values.mayPublish && values.permissionOn ? values.permissionOn : null,
        attribution: values.attribution.trim() || null,
        collectedOn: values.collectedOn,
      };
      if (editing) return testimonialsApi.update(editing.id, { ...body, contactId: contact?.id });
      return testimonialsApi.create({ ...body, contactId: contact?.id ?? '' });
    },
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: testimonialKeys.all });
      queryClient.invalidateQueries({ queryKey: clientKeys.contactTimeline(saved.contact.id) });
      notifySuccess(editing ? 'Testimonial updated.' : `Saved with ${saved.contact.name}.`, 'Testimonial');
      onClose();
    },
    onError: (error) => {
      setErrors(splitServerErrors(error, FIELDS).fieldErrors);
    },
  });
  const formError = save.isError ? splitServerErrors(save.error, FIELDS).formError : null;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      onClosed={() => {
        setValues(initial(editing));
        setContact(fixedContact ?? editing?.contact ?? null);
        setErrors({});
        save.reset();
      }}
      title={
        editing
          ? 'Edit testimonial'
          : fixedContact
            ? `Testimonial from ${fixedContact.name}`
            : 'New testimonial'
      }
      onSubmit={(event) => {
        event.preventDefault();
        if (!contact) {
          setErrors((e) => ({ ...e, contactId: 'Choose who said it' }));
          return;
        }
        save.mutate();
      }}
      formError={formError}
      submitLabel={editing ? 'Save' : 'Add testimonial'}
      submitting={save.isPending}
    >
      {fixedContact ? null : (
        <ContactPicker
          label="Who said it"
          value={contact}
          onChange={(choice) => {
            setContact(choice);
            setErrors((e) => ({ ...e, contactId: '' }));
          }}
          error={errors.contactId || null}
          required
          autoFocus={!editing}
        />
      )}
      <Textarea
        label="Their words"
        required
        autosize
        minRows={4}
        maxLength={5000}
        value={values.quote}
        onChange={(event) => set('quote', event.currentTarget.value)}
        error={errors.quote}
        data-autofocus={fixedContact ? true : undefined}
      />
      <TextInput
        label="About"
        description="The project or engagement, in words (“ERP migration, 2026”)."
        maxLength={300}
        value={values.about}
        onChange={(event) => set('about', event.currentTarget.value)}
        error={errors.about}
      />
      <TextInput
        label="Collected on"
        type="date"
        max={today()}
        value={values.collectedOn}
        onChange={(event) => set('collectedOn', event.currentTarget.value)}
        error={errors.collectedOn}
      />
      <Checkbox
        label="They allow us to publish it"
        description="Only testimonials with permission go into the “publishable” export."
        checked={values.mayPublish}
        onChange={(event) => set('mayPublish', event.currentTarget.checked)}
      />
      {values.mayPublish ? (
        <Group grow align="flex-start">
          <TextInput
            label="Permission given on"
            description="Empty: today."
            type="date"
            max={today()}
            value={values.permissionOn}
            onChange={(event) => set('permissionOn', event.currentTarget.value)}
            error={errors.permissionOn}
          />
          <TextInput
            label="Credit them as"
            description="“Ana S., CFO at Northwind”"
            maxLength={200}
            value={values.attribution}
            onChange={(event) => set('attribution', event.currentTarget.value)}
            error={errors.attribution}
          />
        </Group>
      ) : null}
    </FormModal>
  );
}
